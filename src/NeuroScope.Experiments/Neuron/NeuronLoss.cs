using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// One loss between a simulated neuron and its target, as an entry of the registry of losses (the static members below; the math lives in <see cref="NeuronLosses"/>): its
/// name (the key in config files, on the command line and in <see cref="LossWeights"/>), its label and unit, its
/// weight in the default combined loss, its value on plain doubles and, when it has one, its differentiable form for
/// the surrogate gradient.
/// </summary>
[JsonConverter(typeof(NeuronLossJsonConverter))]
public sealed class NeuronLoss : IParsable<NeuronLoss>
{
    /// <summary>The registry key, e.g. <c>earth-mover</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Other names that find this loss, e.g. the longer <c>spike-count</c> for <c>count</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The human label, e.g. "earth mover's distance".</summary>
    public required string Label { get; init; }

    /// <summary>The unit of the value, e.g. "mV²" ("" for a count or distance without one).</summary>
    public required string Unit { get; init; }

    /// <summary>Its weight in the default <see cref="LossWeights"/> (0: not part of the default combined loss).</summary>
    public double DefaultWeight { get; init; }

    /// <summary>The loss on plain doubles: the finite-difference, landscape and reporting path.</summary>
    public required Func<LossInput, double> Value { get; init; }

    /// <summary>
    /// The same loss as a tensor of the surrogate simulation, equal to <see cref="Value"/> in the forward pass and
    /// differentiable with respect to the parameters; null when only finite differences can fit it.
    /// </summary>
    public Func<SurrogateLossInput, Tensor<double>>? Differentiable { get; init; }

    /// <summary>Whether the surrogate gradient can fit this loss.</summary>
    [MemberNotNullWhen(true, nameof(Differentiable))]
    public bool IsDifferentiable => Differentiable is not null;

    /// <summary>The position in <see cref="Components"/> (−1 for <see cref="Combined"/>).</summary>
    internal int Index { get; set; } = -1;

    /// <summary>The registry key.</summary>
    public override string ToString() => Name;

    /// <summary>The loss called <paramref name="s"/> (case and dashes ignored); throws a <see cref="FormatException"/> listing the known names.</summary>
    public static NeuronLoss Parse(string s, IFormatProvider? provider = null) => TryParse(s, provider, out var loss)
        ? loss
        : throw new FormatException($"'{s}' is not a neuron loss; allowed: {string.Join(", ", NeuronLoss.Names)}.");

    /// <summary>Looks up a loss by name (case and dashes ignored).</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out NeuronLoss result)
    {
        result = s is null ? null : Find(s);
        return result is not null;
    }

    // The registry. Entries register in the order they are declared, which is the order they are reported, summed
    // and listed; this list must be declared before them.
    private static readonly List<NeuronLoss> Registered = [];

    /// <summary>Mean squared voltage difference over all samples, mV².</summary>
    public static NeuronLoss Voltage { get; } = Register(new()
    {
        Name = "voltage", Label = "voltage MSE", Unit = "mV²", DefaultWeight = 1.0,
        Value = x => NeuronLosses.VoltageMse(x.Trace, x.Target.Trace),
        Differentiable = x => (x.Trace.Voltage - Tensor.FromArray(x.Target.Trace)).Square().Mean(),
    });

    /// <summary>Mean squared voltage difference over the samples where neither trace is at reset, mV².</summary>
    public static NeuronLoss SubThreshold { get; } = Register(new()
    {
        Name = "subthreshold", Label = "sub-threshold MSE", Unit = "mV²",
        Value = x => NeuronLosses.SubthresholdMse(x.Trace, x.Target.Trace, x.Target.CleanTrace, x.SimulatedReset, x.Target.Parameters.VReset, x.Settings.ResetTolerance),
        Differentiable = NeuronLosses.SubthresholdMse,
    });

    /// <summary>|n_sim − n_target|; through the surrogate, |Σs − n_target|.</summary>
    public static NeuronLoss SpikeCount { get; } = Register(new()
    {
        Name = "count", Aliases = ["spike-count"], Label = "spike count", Unit = "", DefaultWeight = 10.0,
        Value = x => NeuronLosses.SpikeCount(x.SpikeTimes.Length, x.Target.SpikeTimes.Length),
        Differentiable = x => (x.Trace.Spikes.Sum() - x.Target.SpikeTimes.Length).Abs(),
    });

    /// <summary>Mean over target spikes of the squared distance to the nearest simulated spike, capped at max_delay², ms².</summary>
    public static NeuronLoss SpikeTiming { get; } = Register(new()
    {
        Name = "timing", Aliases = ["spike-timing"], Label = "spike timing", Unit = "ms²", DefaultWeight = 5.0,
        Value = x => NeuronLosses.SpikeTiming(x.SpikeTimes, x.Target.SpikeTimes, x.Settings.MaxDelay),
    });

    /// <summary>(rate_sim − rate_target)², Hz²; through the surrogate the simulated rate is Σs over the duration.</summary>
    public static NeuronLoss FiringRate { get; } = Register(new()
    {
        Name = "rate", Aliases = ["firing-rate"], Label = "firing rate", Unit = "Hz²", DefaultWeight = 2.0,
        Value = x => NeuronLosses.FiringRate(x.SpikeTimes.Length, x.Target.SpikeTimes.Length, x.Target.Grid.Duration),
        Differentiable = x =>
        {
            double duration = x.Target.Grid.Duration;
            return (x.Trace.Spikes.Sum() * (1000.0 / duration) - SpikeStatistics.Rate(x.Target.SpikeTimes.Length, duration)).Square();
        },
    });

    /// <summary>The van Rossum distance between the spike trains.</summary>
    public static NeuronLoss VanRossum { get; } = Register(new()
    {
        Name = "van-rossum", Label = "van Rossum", Unit = "",
        Value = x => NeuronLosses.VanRossum(x.SpikeTimes, x.Target.SpikeTimes, x.Settings.VanRossumTau),
    });

    /// <summary>The Victor–Purpura distance between the spike trains.</summary>
    public static NeuronLoss VictorPurpura { get; } = Register(new()
    {
        Name = "victor-purpura", Label = "Victor–Purpura", Unit = "",
        Value = x => NeuronLosses.VictorPurpura(x.SpikeTimes, x.Target.SpikeTimes, x.Settings.VictorPurpuraCost),
    });

    /// <summary>
    /// Mean squared voltage difference over the samples where both neurons have fired equally many spikes so far, mV²:
    /// the windows between a spike and its mismatched partner are left out, so a misplaced reset does not dominate.
    /// </summary>
    public static NeuronLoss MatchedVoltage { get; } = Register(new()
    {
        Name = "matched-voltage", Label = "matched voltage", Unit = "mV²",
        Value = x => NeuronLosses.MatchedVoltageMse(x.Trace, x.Target.Trace, x.SpikeTimes, x.Target.SpikeTimes, x.Target.Grid.Dt),
        Differentiable = NeuronLosses.MatchedVoltageMse,
    });

    /// <summary>∫|N_sim(t) − N_target(t)| dt over the run, ms: the area between the cumulative spike counts (with equal counts, Σᵢ|tᵢ − t′ᵢ|).</summary>
    public static NeuronLoss EarthMover { get; } = Register(new()
    {
        Name = "earth-mover", Label = "earth mover's distance", Unit = "ms",
        Value = x => NeuronLosses.EarthMover(x.SpikeTimes, x.Target.SpikeTimes, x.Target.Grid.Duration),
        Differentiable = NeuronLosses.EarthMover,
    });

    /// <summary>
    /// Mean absolute voltage difference (1/N)·Σ|V_sim − V_target|, mV: a sample where one neuron has reset and the other
    /// not yet costs in proportion to the gap, not its square, so a misplaced spike weighs less against the rest of the trace.
    /// </summary>
    public static NeuronLoss VoltageMae { get; } = Register(new()
    {
        Name = "voltage-mae", Label = "voltage MAE", Unit = "mV",
        Value = x =>
        {
            double sum = 0;
            for (int k = 0; k < x.Trace.Length; k++)
                sum += Math.Abs(x.Trace[k] - x.Target.Trace[k]);
            return sum / x.Trace.Length;
        },
        Differentiable = x => (x.Trace.Voltage - Tensor.FromArray(x.Target.Trace)).Abs().Mean(),
    });

    /// <summary>The component losses, in the order they are reported and summed.</summary>
    public static IReadOnlyList<NeuronLoss> Components { get; } = Registered.AsReadOnly();

    /// <summary>
    /// The weighted sum of the components (<see cref="LossWeights"/>); a component with weight 0 is not computed, so it
    /// can neither cost time nor be NaN. Differentiable when every component with a nonzero weight is.
    /// </summary>
    public static NeuronLoss Combined { get; } = new()
    {
        Name = "combined", Label = "combined", Unit = "",
        Value = CombinedValue,
        Differentiable = CombinedTensor,
    };

    /// <summary>Every loss a problem can use: the components and <see cref="Combined"/>.</summary>
    public static IReadOnlyList<NeuronLoss> All { get; } = [.. Registered, Combined];

    /// <summary>The names of <see cref="All"/>, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(loss => loss.Name)];

    /// <summary>The loss called <paramref name="name"/> (case and dashes ignored), or null.</summary>
    public static NeuronLoss? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = Key(name);
        foreach (var loss in All)
            if (Key(loss.Name) == key || loss.Aliases.Any(alias => Key(alias) == key))
                return loss;
        return null;
    }

    private static string Key(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static NeuronLoss Register(NeuronLoss loss)
    {
        loss.Index = Registered.Count;
        Registered.Add(loss);
        return loss;
    }

    private static double CombinedValue(LossInput input) =>
        input.Settings.Weights.Sum(input, static (loss, weight, x) => weight * loss.Value(x), static (total, term) => total + term);

    private static Tensor<double> CombinedTensor(SurrogateLossInput input) =>
        input.Settings.Weights.Sum(input, static (loss, weight, x) => loss.IsDifferentiable
                ? loss.Differentiable(x) * weight
                : throw new NotSupportedException($"Surrogate gradient: the {loss.Name} loss is not differentiable through the surrogate; set its weight to 0."),
            static (total, term) => total is null ? term : total + term) ?? Tensor.Scalar(0.0);
}
