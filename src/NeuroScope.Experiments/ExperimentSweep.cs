namespace NeuroScope.Experiments;

/// <summary>
/// A sweep the tour runs after an experiment's own stop (<c>neuroscope sweep &lt;verb&gt; …</c>): several runs side by
/// side, compared in pictures, e.g. fit's edge of stability at three learning rates.
/// </summary>
/// <param name="Title">The title of its stop in the tour.</param>
/// <param name="Description">What it shows, in a sentence or two.</param>
/// <param name="Arguments">The arguments after <c>neuroscope sweep &lt;verb&gt;</c> in the full tour.</param>
/// <param name="QuickArguments">The same for <c>tour --quick</c>.</param>
/// <param name="Pictures">The comparison pictures it draws (<c>compare_&lt;metric&gt;.png</c>), with what to look at.</param>
public sealed record ExperimentSweep(string Title, string Description, IReadOnlyList<string> Arguments, IReadOnlyList<string> QuickArguments, IReadOnlyList<Picture> Pictures);
