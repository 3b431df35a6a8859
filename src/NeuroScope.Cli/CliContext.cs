using Spectre.Console;

namespace NeuroScope.Cli;

/// <summary>Where a verb writes and how: the console (rich or plain), and the shared flags --quiet and --no-progress.</summary>
internal sealed class CliContext
{
    public CliContext(TextWriter output, TextWriter error, bool quiet, bool noProgress, bool verbose)
    {
        Output = output;
        Error = error;
        Quiet = quiet;
        Verbose = verbose;
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        // Rich progress only on a real terminal; redirected output and CI get plain lines, no cursor movement.
        RichProgress = terminal && !noProgress && !quiet && Environment.GetEnvironmentVariable("CI") is null;
        Console_ = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal && Environment.GetEnvironmentVariable("NO_COLOR") is null ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public bool Quiet { get; }
    public bool Verbose { get; }
    public bool RichProgress { get; }

    /// <summary>The Spectre console over <see cref="Output"/>.</summary>
    public IAnsiConsole Console_ { get; }

    /// <summary>A log line (suppressed by --quiet).</summary>
    public void Info(string line)
    {
        if (!Quiet)
            Output.WriteLine(line);
    }
}
