namespace NeuroScope.Experiments.Dose;

/// <summary>What the plain SGD loop did.</summary>
/// <param name="LearningRate">The SGD learning rate.</param>
/// <param name="InitialBias">The final bias before training.</param>
/// <param name="History">Every epoch whose loss was computed, the stopping one included (it took no step).</param>
/// <param name="Steps">The optimizer steps taken (the reference's "Num steps").</param>
/// <param name="StopReason">Why the loop ended.</param>
/// <param name="FinalBias">The final bias after the last step.</param>
/// <param name="FinalLoss">The total loss of the last epoch in <paramref name="History"/>.</param>
/// <param name="Log">The lines the reference script prints: the bias before training, after each step, and the number of steps.</param>
/// <param name="Seconds">Wall-clock time of the loop.</param>
public sealed record PlainLoopResult(
    double LearningRate,
    double InitialBias,
    IReadOnlyList<DoseEpoch> History,
    int Steps,
    PlainStopReason StopReason,
    double FinalBias,
    double FinalLoss,
    IReadOnlyList<string> Log,
    double Seconds);
