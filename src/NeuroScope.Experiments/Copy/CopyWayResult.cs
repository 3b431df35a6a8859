namespace NeuroScope.Experiments.Copy;

/// <summary>One way's training: its settings, start and end parameters, losses, time and the outputs it gives.</summary>
public sealed record CopyWayResult
{
    /// <summary>The way (never <see cref="CopyWay.All"/>).</summary>
    public required CopyWay Way { get; init; }

    /// <summary>The floating-point type it trained in.</summary>
    public required CopyDtype Dtype { get; init; }

    /// <summary>Epochs run (fewer than asked when training diverged).</summary>
    public required int Epochs { get; init; }

    /// <summary>The SGD step size.</summary>
    public required double LearningRate { get; init; }

    /// <summary>w before training.</summary>
    public required double InitialWeight { get; init; }

    /// <summary>b before training.</summary>
    public required double InitialBias { get; init; }

    /// <summary>w after training.</summary>
    public required double Weight { get; init; }

    /// <summary>b after training.</summary>
    public required double Bias { get; init; }

    /// <summary>The way's own loss in its last epoch (before that epoch's update).</summary>
    public required double FinalLoss { get; init; }

    /// <summary>Wall-clock seconds of the training loop.</summary>
    public required double Seconds { get; init; }

    /// <summary>The way's loss in every epoch, before that epoch's update.</summary>
    public required double[] Losses { get; init; }

    /// <summary>The learned model's outputs for the probe inputs.</summary>
    public required IReadOnlyList<CopyOutput> Outputs { get; init; }

    /// <summary>Every epoch's sample and objective terms (the reward way only).</summary>
    public CopyRewardTrace? Trace { get; init; }

    /// <summary>Why training stopped early (a loss that is not finite), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>
    /// E[(w·x + b − x)²] for x uniform on [0, 10] in closed form, (w − 1)²·100/3 + 10·(w − 1)·b + b²: one number that
    /// compares the ways, whatever loss each trained on.
    /// </summary>
    public double IdentityMse
    {
        get
        {
            double slope = Weight - 1;
            return slope * slope * 100.0 / 3.0 + 10.0 * slope * Bias + Bias * Bias;
        }
    }

    /// <summary>The learned model, for saving and for the prompt.</summary>
    public CopyParameters ToParameters() => new(Way, Dtype, Weight, Bias);
}
