namespace NeuroScope.Cli.Board;

/// <summary>One run as the board's runs list shows it.</summary>
/// <param name="Id">The path below the runs folder, e.g. <c>tour_001/fit_001</c>; the key of every other request about the run.</param>
/// <param name="Experiment">The experiment's verb from run.json ("?" when unreadable).</param>
/// <param name="Created">When the run started, from run.json (the folder's time when run.json has none).</param>
/// <param name="Status">One of <see cref="RunStatus"/>'s values.</param>
/// <param name="Headlines">The experiment's headline numbers from summary.json, in its order.</param>
/// <param name="Message">Why the run stopped, or what is damaged; null for a finished or live run.</param>
internal sealed record RunListing(string Id, string Experiment, DateTimeOffset Created, string Status, IReadOnlyList<HeadlineView> Headlines, string? Message);

/// <summary>A headline number: its label, value and unit.</summary>
internal sealed record HeadlineView(string Label, double? Value, string? Unit);

/// <summary>The states a run folder can be in, as the board names them.</summary>
internal static class RunStatus
{
    /// <summary>Finished and summarised.</summary>
    public const string Done = "done";

    /// <summary>Being written now by a running process.</summary>
    public const string Live = "live";

    /// <summary>Stopped by a signal or the cancel button (summary.json says so).</summary>
    public const string Cancelled = "cancelled";

    /// <summary>Stopped by an error or a divergence (summary.json says so).</summary>
    public const string Failed = "failed";

    /// <summary>No summary and no process writing it: the process ended without finishing.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>A file the board needs is unreadable: a corrupt summary.json or run.json, a metrics.csv cut mid-line.</summary>
    public const string Damaged = "damaged";
}
