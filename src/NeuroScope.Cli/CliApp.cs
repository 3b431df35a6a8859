using System.CommandLine;
using NeuroScope.Cli.Commands;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Copy;

namespace NeuroScope.Cli;

/// <summary>Builds the <c>neuroscope</c> command tree, parses, and dispatches; exit codes: 0 success, 1 failed run, 2 bad input.</summary>
public static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a run that failed (diverged, cancelled).</summary>
    public const int RunFailed = 1;

    /// <summary>Exit code of bad input (an option out of range, an unknown name, malformed JSON).</summary>
    public const int BadInput = 2;

    /// <summary>Parses <paramref name="args"/> and runs the chosen verb, writing to the given streams and reading interactive input from <paramref name="input"/> (standard input when null).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null) =>
        Run(args, output, error, input, ExperimentCatalog.Default);

    /// <summary>As <see cref="Run(string[], TextWriter, TextWriter, TextReader?)"/>, with the verbs of <paramref name="experiments"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input, ExperimentRegistry experiments)
    {
        var root = new RootCommand("NeuroScope: a differentiable-programming lab. Tensors and exact autodiff for .NET, and experiments that show how gradient-based learning works.");
        root.Options.Add(CommonOptions.Quiet);
        root.Options.Add(CommonOptions.NoProgress);
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(TourCommand.Create(output, error, experiments, (verbArgs, o, e) => Run(verbArgs, o, e, input, experiments)));
        foreach (var experiment in experiments)
        {
            var verb = ExperimentCommand.Create(experiment, output, error);
            if (experiment is CopyExperiment)
                verb.Subcommands.Add(CopyPromptCommand.Create(output, error, input ?? Console.In));
            root.Subcommands.Add(verb);
        }
        root.Subcommands.Add(SweepCommand.Create(output, error, experiments));
        root.Subcommands.Add(RunsCommand.Create(output, error));
        root.Subcommands.Add(ReplayCommand.Create(output, error, experiments, verbArgs => Run(verbArgs, output, error, input, experiments)));
        root.Subcommands.Add(DemoCommand.Create(output, error));
        root.Subcommands.Add(Board.BoardCommand.Create(output, error, experiments));

        HelpText.Configure(root);
        var parsed = root.Parse(args);
        // Help is shown even when the rest of the line is incomplete (e.g. `replay --help` without a directory).
        if (parsed.Errors.Count > 0 && parsed.Action is not HelpText.DetailedHelpAction)
        {
            foreach (var parseError in parsed.Errors)
                error.WriteLine($"error: {parseError.Message}");
            error.WriteLine("Run 'neuroscope --help' for the verbs, or 'neuroscope <verb> --help' for a verb's options.");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is UsageException or Experiments.ConfigException or Runs.RunDirectoryException)
        {
            error.WriteLine($"error: {e.Message}");
            if (parsed.GetValue(CommonOptions.Verbose))
                error.WriteLine(e.StackTrace);
            return BadInput;
        }
        catch (OperationCanceledException) when (Interrupts.Token.IsCancellationRequested)
        {
            error.WriteLine($"Cancelled ({Interrupts.Signal}).");
            return RunFailed;
        }
        catch (Runs.RunFailedException e)
        {
            error.WriteLine($"error: {e.Message}");
            if (parsed.GetValue(CommonOptions.Verbose))
                error.WriteLine(e.ToString());
            return RunFailed;
        }
        catch (Exception e) when (e is not StackOverflowException)
        {
            // Whatever else went wrong is a failed run with a message; the stack trace is for --verbose.
            string what = e is OutOfMemoryException ? "the run needed more memory than this machine has" : e.Message;
            error.WriteLine($"error: {(Runs.RunFailedException.IsDiskFull(e) ? "the disk is full: " : "")}{Experiments.MessageText.Shorten(what)} ({e.GetType().Name}; --verbose shows where).");
            if (parsed.GetValue(CommonOptions.Verbose))
                error.WriteLine(e.ToString());
            return RunFailed;
        }
    }
}

/// <summary>Bad input found after parsing (a value out of range); its message names the option, the value and what is allowed.</summary>
public sealed class UsageException(string message) : Exception(message);
