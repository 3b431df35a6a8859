using NeuroScope.Nn;

namespace NeuroScope.Experiments.Fit;

/// <summary>What a function-approximation run produced: its histories, the frames of the animation and the trained model.</summary>
public sealed record FitResult
{
    /// <summary>The configuration the run used.</summary>
    public required FitConfig Config { get; init; }

    /// <summary>The target that was fitted (for a PDE: the exact solution, or null when none is known).</summary>
    public FitTarget? Target { get; init; }

    /// <summary>A one-line description of the target ("sin", "expression sin(3*x)", "poisson1d u'' = -pi^2*sin(pi*x)").</summary>
    public required string TargetDescription { get; init; }

    /// <summary>The training inputs (PDE: the collocation points), [n, inputDimension] row-major.</summary>
    public required double[] TrainingInputs { get; init; }

    /// <summary>The noisy training targets, one per sample; null for a PDE (no data).</summary>
    public double[]? TrainingTargets { get; init; }

    /// <summary>The plot grid with the noise-free target.</summary>
    public required FitGrid Grid { get; init; }

    /// <summary>The training loss before each completed step (entry s − 1 is L(θ) at step s).</summary>
    public required double[] Losses { get; init; }

    /// <summary>The steps at which frames were taken.</summary>
    public required int[] FrameSteps { get; init; }

    /// <summary>The generalization error at each frame: the MSE against the noise-free target on the grid points strictly outside the box (NaN when the target is unknown there).</summary>
    public required double[] GeneralizationErrors { get; init; }

    /// <summary>The predictions on the grid at each frame (one array per frame, in grid order).</summary>
    public required IReadOnlyList<double[]> Frames { get; init; }

    /// <summary>The steps at which the sharpness was measured.</summary>
    public required int[] SharpnessSteps { get; init; }

    /// <summary>The top Hessian eigenvalue of the training loss at each of <see cref="SharpnessSteps"/>.</summary>
    public required double[] Sharpness { get; init; }

    /// <summary>|Δθ·v|: the last update projected on the top eigenvector, at each of <see cref="SharpnessSteps"/>.</summary>
    public required double[] Projections { get; init; }

    /// <summary>The steps completed (equal to the configured steps unless the run diverged or was cancelled).</summary>
    public required int CompletedSteps { get; init; }

    /// <summary>The step at which the loss (or its curvature) became NaN or infinite, or null.</summary>
    public int? DivergedAtStep { get; init; }

    /// <summary>True when the run was cancelled; the histories then hold the completed steps.</summary>
    public bool Cancelled { get; init; }

    /// <summary>For a PDE: the relative L2 error ‖u − u*‖/‖u*‖ on the box against the exact solution, or null.</summary>
    public double? RelativeL2Error { get; init; }

    /// <summary>Where the exact PDE solution came from: "formula", "finite differences", or null.</summary>
    public string? ExactSource { get; init; }

    /// <summary>Wall-clock time of the training loop.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The trained network (its last state, also after divergence or cancellation).</summary>
    public required Mlp<double> Model { get; init; }

    /// <summary>True when the run diverged.</summary>
    public bool Diverged => DivergedAtStep is not null;
}
