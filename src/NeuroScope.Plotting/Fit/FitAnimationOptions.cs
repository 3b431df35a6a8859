namespace NeuroScope.Plotting.Fit;

/// <summary>How the dashboard animation is drawn and encoded.</summary>
/// <param name="Width">Frame width in pixels (even, for video encoders).</param>
/// <param name="Height">Frame height in pixels (even).</param>
/// <param name="FramesPerSecond">Playback rate; the last frame is held for two seconds in a GIF.</param>
/// <param name="Ffmpeg">The ffmpeg executable: null to look for "ffmpeg" on the PATH, "" to skip MP4 and write a GIF.</param>
public sealed record FitAnimationOptions(int Width = FitDashboard.DefaultWidth, int Height = FitDashboard.DefaultHeight,
    int FramesPerSecond = 25, string? Ffmpeg = null);
