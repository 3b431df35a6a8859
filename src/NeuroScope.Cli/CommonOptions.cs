using System.CommandLine;

namespace NeuroScope.Cli;

/// <summary>Options every verb shares: output control (global) and where runs go.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Quiet = new("--quiet", "-q") { Description = "Print only errors and the final table.", Recursive = true };
    public static readonly Option<bool> NoProgress = new("--no-progress") { Description = "Plain line output instead of progress bars (automatic when output is redirected).", Recursive = true };
    public static readonly Option<bool> Verbose = new("--verbose") { Description = "Add stack traces to error messages.", Recursive = true };

    public static Option<string> RunsDir() => new("--runs-dir") { Description = "Folder that receives the run directory.", DefaultValueFactory = _ => "runs" };
    public static Option<string?> Name() => new("--name") { Description = "Run name: the run directory is <name>_NNN (default: the experiment's name)." };
    public static Option<string?> Config() => new("--config") { Description = "A config.json to start from (e.g. from an earlier run); options given on the command line override it." };

    public static CliContext Context(ParseResult parse, TextWriter output, TextWriter error) =>
        new(output, error, parse.GetValue(Quiet), parse.GetValue(NoProgress), parse.GetValue(Verbose));
}
