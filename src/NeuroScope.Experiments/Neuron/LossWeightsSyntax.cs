using System.Globalization;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>The combined loss's weights on the command line: loss=weight pairs named as <c>--loss</c> names them (<c>matched-voltage=10,earth-mover=0.1</c>).</summary>
public sealed class LossWeightsSyntax : IOptionSyntax
{
    private static readonly LossKind[] Components = Enum.GetValues<LossKind>().Where(k => k != LossKind.Combined).ToArray();

    /// <inheritdoc/>
    public string HelpName => "loss=weight,…";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        var weights = current as LossWeights ?? new LossWeights();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var halves = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !double.TryParse(halves[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new OptionSyntaxException($"'{part}' is not a loss=weight pair; write e.g. matched-voltage=10,earth-mover=0.1");
            if (EnumNames.Parse(typeof(LossKind), halves[0]) is not LossKind kind || kind == LossKind.Combined)
                throw new OptionSyntaxException($"'{halves[0]}' is not a loss; allowed: {string.Join(", ", Components.Select(k => EnumNames.Format(k)))}");
            if (!double.IsFinite(value) || value < 0)
                throw new OptionSyntaxException($"the weight of {halves[0]} must be a finite number ≥ 0");
            weights = kind switch
            {
                LossKind.Voltage => weights with { Voltage = value },
                LossKind.SubThreshold => weights with { SubThreshold = value },
                LossKind.SpikeCount => weights with { SpikeCount = value },
                LossKind.SpikeTiming => weights with { SpikeTiming = value },
                LossKind.FiringRate => weights with { FiringRate = value },
                LossKind.VanRossum => weights with { VanRossum = value },
                LossKind.VictorPurpura => weights with { VictorPurpura = value },
                LossKind.MatchedVoltage => weights with { MatchedVoltage = value },
                _ => weights with { EarthMover = value },
            };
        }
        return weights;
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is LossWeights w
        ? string.Join(",", Components.Select(k => $"{EnumNames.Format(k)}={w.Of(k).ToString("R", CultureInfo.InvariantCulture)}"))
        : "none";
}
