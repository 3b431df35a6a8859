namespace NeuroScope.Experiments;

/// <summary>A table of results as text cells, printed by the CLI after a run (and available to any other view).</summary>
/// <param name="Title">The table's title.</param>
/// <param name="Columns">The column headers.</param>
/// <param name="Rows">The rows, one cell per column.</param>
/// <param name="LeftAligned">How many leading columns are text (left-aligned); the rest are numbers (right-aligned).</param>
public sealed record ResultTable(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, int LeftAligned = 1);
