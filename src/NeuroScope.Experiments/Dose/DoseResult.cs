namespace NeuroScope.Experiments.Dose;

/// <summary>Everything the dose-response experiment produced.</summary>
/// <param name="Config">The configuration it ran with.</param>
/// <param name="Doses">The training doses, 0, 0.5, 1.</param>
/// <param name="Targets">The training targets, 0, 1, 0.</param>
/// <param name="BranchSums">sᵢ, the sum of the two branches at each training dose (the final ReLU sees sᵢ + b).</param>
/// <param name="Plain">The plain loop, or null when the mode skipped it.</param>
/// <param name="Trainer">The trainer way, or null when the mode skipped it.</param>
/// <param name="Minimum">The exact minimizer of the training loss.</param>
/// <param name="LossCurve">The training loss as a function of the final bias.</param>
/// <param name="FineDoses">The fine dose grid over [0, 1].</param>
/// <param name="GridDoses">The 11-point dose grid 0, 0.1, …, 1.</param>
/// <param name="FineBranchSums">s(x) on the fine grid.</param>
/// <param name="Curves">The net's output before training, after each way that ran, and at the exact minimum.</param>
/// <param name="Seconds">Wall-clock time of the whole run.</param>
public sealed record DoseResult(
    DoseConfig Config,
    IReadOnlyList<double> Doses,
    IReadOnlyList<double> Targets,
    IReadOnlyList<double> BranchSums,
    PlainLoopResult? Plain,
    TrainerRunResult? Trainer,
    DoseMinimum Minimum,
    BiasLossCurve LossCurve,
    IReadOnlyList<double> FineDoses,
    IReadOnlyList<double> GridDoses,
    IReadOnlyList<double> FineBranchSums,
    IReadOnlyList<EffectivenessCurve> Curves,
    double Seconds);
