using NeuroScope.Experiments;
using NeuroScope.Experiments.Fit;

namespace NeuroScope.Plotting.Fit;

/// <summary>The fit experiment's pictures: the dashboard's last frame and the animation of the whole run.</summary>
public static class FitPictures
{
    /// <summary>Writes dashboard.png and the animation into <paramref name="folder"/>, reporting the stage "render"; returns both paths.</summary>
    public static IReadOnlyList<string> Draw(FitResult result, string folder, IProgress<ExperimentProgress>? progress)
    {
        ArgumentNullException.ThrowIfNull(result);
        string dashboard = FitDashboard.SavePng(result, Path.Combine(folder, "dashboard.png"));
        var animation = FitAnimation.Save(result, folder, null, progress);
        if (animation.Warning is not null)
            progress?.Report(new ExperimentProgress("render", animation.Frames, animation.Frames, null,
                $"[WARN] {animation.Warning}; wrote {Path.GetFileName(animation.Path)} instead."));
        progress?.Report(new ExperimentProgress("render", animation.Frames, animation.Frames, null,
            FormattableString.Invariant($"[INFO] Rendered {animation.Frames} frames in {animation.Elapsed.TotalSeconds:F1} s")));
        return [dashboard, animation.Path];
    }
}
