namespace NeuroScope.Plotting.Fit;

/// <summary>The written animation.</summary>
/// <param name="Path">The file: animation.mp4 or animation.gif.</param>
/// <param name="Format">"mp4" or "gif".</param>
/// <param name="Frames">The number of frames.</param>
/// <param name="Warning">Why ffmpeg was not used although it was found (it failed), or null.</param>
/// <param name="Elapsed">Time spent rendering and encoding.</param>
public sealed record AnimationOutcome(string Path, string Format, int Frames, string? Warning, TimeSpan Elapsed);
