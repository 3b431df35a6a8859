namespace NeuroScope.Experiments;

/// <summary>A picture an experiment draws, in story order: its file name and one sentence saying what to look at.</summary>
/// <param name="FileName">The file in the run directory, e.g. <c>dose_curve.png</c>.</param>
/// <param name="Caption">What to look at.</param>
public sealed record Picture(string FileName, string Caption);

/// <summary>Draws an experiment's pictures of <typeparamref name="TResult"/> into a folder and returns the files written.</summary>
/// <remarks>Drawing lives in the plotting assembly, which depends on the experiments; the registry line hands it to the experiment.</remarks>
public delegate IReadOnlyList<string> PictureWriter<in TResult>(TResult result, string folder, IProgress<ExperimentProgress>? progress);
