using System.Text.Json.Serialization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Dose;

/// <summary>
/// The settings of the dose-response experiment, defaulting to the reference run: a plain SGD loop (lr 0.1, at most 100
/// epochs, stop when the epoch's total loss is below 0.0001) and a trainer run (300 samples, batch size 1, initial lr 0.01,
/// learning-rate finder from 0.001 to 1 over 100 trials without early stop, then 34 epochs at the suggested lr), in float32.
/// </summary>
public sealed record DoseConfig
{
    /// <summary>The modes <see cref="Mode"/> accepts.</summary>
    public static IReadOnlyList<string> Modes { get; } = ["plain", "trainer", "both"];

    /// <summary>The element types <see cref="Dtype"/> accepts.</summary>
    public static IReadOnlyList<string> Dtypes { get; } = ["float32", "float64"];

    /// <summary>Which way to train: "plain" (the SGD loop), "trainer" (finder + trainer) or "both".</summary>
    [Option("Which way to train: plain (the SGD loop), trainer (finder + trainer) or both.", Choices = nameof(Modes))]
    public string Mode { get; init; } = "both";

    /// <summary>The plain loop's SGD learning rate, positive.</summary>
    [Option("The plain loop's SGD learning rate.", Min = 0, MinExclusive = true)]
    public double LearningRate { get; init; } = 0.1;

    /// <summary>The plain loop's most epochs (one optimizer step each), 1..1,000,000.</summary>
    [Option("The plain loop's most epochs; it stops earlier once an epoch's total loss is below --stop-loss.", Min = 1, Max = 1_000_000)]
    public int Epochs { get; init; } = 100;

    /// <summary>The plain loop stops, before stepping, once an epoch's total loss is below this value, ≥ 0.</summary>
    [Option("The plain loop stops, before stepping, once an epoch's total loss is below this.", Min = 0)]
    public double StopLoss { get; init; } = 0.0001;

    /// <summary>The element type: "float32" (the reference's) or "float64".</summary>
    [Option("Element type: float32 (the reference's) or float64.", Choices = nameof(Dtypes))]
    public string Dtype { get; init; } = "float32";

    /// <summary>The final bias both ways start from.</summary>
    [Option("The final bias both ways start from.", Finite = true)]
    public double InitialBias { get; init; }

    /// <summary>The trainer's dataset size: the three doses repeated in order, 1..1,000,000.</summary>
    [Option("The trainer's dataset size: the three doses repeated in order.", Min = 1, Max = 1_000_000)]
    public int TrainerSamples { get; init; } = 300;

    /// <summary>The learning rate the trainer's optimizer is created with, before the finder's suggestion replaces it, positive.</summary>
    [Option("The learning rate the trainer's optimizer starts with, before the finder's suggestion replaces it.", Min = 0, MinExclusive = true)]
    public double TrainerLearningRate { get; init; } = 0.01;

    /// <summary>The learning-rate finder's first learning rate, positive.</summary>
    [Option("The learning-rate finder's first learning rate.", Min = 0, MinExclusive = true)]
    public double FinderMinLearningRate { get; init; } = 0.001;

    /// <summary>The learning-rate finder's last learning rate, above <see cref="FinderMinLearningRate"/>.</summary>
    [Option("The learning-rate finder's last learning rate, above --finder-min-learning-rate.", Min = 0, MinExclusive = true)]
    public double FinderMaxLearningRate { get; init; } = 1.0;

    /// <summary>The learning-rate finder's number of trials (optimizer steps), 2..100,000.</summary>
    [Option("The learning-rate finder's number of trials (optimizer steps).", Min = 2, Max = 100_000)]
    public int FinderTrials { get; init; } = 100;

    /// <summary>Stop the finder when its smoothed loss exceeds this multiple of the best, positive, or null never to (the reference's <c>early_stop_threshold=None</c>).</summary>
    [Option("Stop the finder when its smoothed loss exceeds this multiple of the best; none never stops early.", Min = 0, MinExclusive = true)]
    public double? FinderEarlyStopThreshold { get; init; }

    /// <summary>The trainer's epochs at the suggested learning rate, 1..100,000.</summary>
    [Option("The trainer's epochs at the suggested learning rate.", Min = 1, Max = 100_000)]
    public int TrainerEpochs { get; init; } = 34;

    /// <summary>Whether the plain loop runs.</summary>
    [JsonIgnore]
    public bool RunsPlain => !string.Equals(Mode, "trainer", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the trainer runs.</summary>
    [JsonIgnore]
    public bool RunsTrainer => !string.Equals(Mode, "plain", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the element type is float64.</summary>
    [JsonIgnore]
    public bool IsFloat64 => string.Equals(Dtype, "float64", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws a <see cref="ConfigException"/> naming the first field whose value is not allowed, and what is.</summary>
    public void Validate()
    {
        OptionSet.For<DoseConfig>().Validate(this);
        if (!(FinderMaxLearningRate > FinderMinLearningRate))
            throw new ConfigException("finderMaxLearningRate", FinderMaxLearningRate,
                $"it must be finite and greater than finderMinLearningRate ({FinderMinLearningRate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})");
    }
}
