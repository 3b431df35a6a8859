using System.Globalization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Every loss component for one simulation against one target, and their weighted sum <see cref="Total"/>.</summary>
/// <param name="Voltage">Voltage MSE, mV².</param>
/// <param name="SubThreshold">Sub-threshold MSE, mV².</param>
/// <param name="SpikeCount">|n_sim − n_target|.</param>
/// <param name="SpikeTiming">Capped mean squared spike-time error, ms².</param>
/// <param name="FiringRate">Squared rate difference, Hz².</param>
/// <param name="VanRossum">Van Rossum distance.</param>
/// <param name="VictorPurpura">Victor–Purpura distance.</param>
/// <param name="MatchedVoltage">Matched-interval voltage MSE, mV².</param>
/// <param name="EarthMover">Earth mover's distance between the spike trains, ms.</param>
/// <param name="Weights">The weights <see cref="Total"/> uses.</param>
public sealed record LossBreakdown(double Voltage, double SubThreshold, double SpikeCount, double SpikeTiming,
    double FiringRate, double VanRossum, double VictorPurpura, double MatchedVoltage, double EarthMover, LossWeights Weights)
{
    /// <summary>Σ weightₖ·componentₖ; a component with weight 0 is left out even when it is infinite or NaN.</summary>
    public double Total
    {
        get
        {
            double total = 0;
            foreach (var kind in Components)
            {
                double weight = Weights.Of(kind);
                if (weight != 0)
                    total += weight * Get(kind);
            }
            return total;
        }
    }

    /// <summary>The component kinds, in the order they are reported.</summary>
    public static IReadOnlyList<LossKind> Components { get; } =
        [LossKind.Voltage, LossKind.SubThreshold, LossKind.SpikeCount, LossKind.SpikeTiming, LossKind.FiringRate, LossKind.VanRossum, LossKind.VictorPurpura,
         LossKind.MatchedVoltage, LossKind.EarthMover];

    /// <summary>One component, or <see cref="Total"/> for <see cref="LossKind.Combined"/>.</summary>
    public double Get(LossKind kind) => kind switch
    {
        LossKind.Voltage => Voltage,
        LossKind.SubThreshold => SubThreshold,
        LossKind.SpikeCount => SpikeCount,
        LossKind.SpikeTiming => SpikeTiming,
        LossKind.FiringRate => FiringRate,
        LossKind.VanRossum => VanRossum,
        LossKind.VictorPurpura => VictorPurpura,
        LossKind.MatchedVoltage => MatchedVoltage,
        LossKind.EarthMover => EarthMover,
        LossKind.Combined => Total,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss kind."),
    };

    /// <summary>The components and total on one line.</summary>
    public override string ToString()
    {
        var culture = CultureInfo.InvariantCulture;
        return string.Create(culture,
            $"total={Total:G6} voltage={Voltage:G6} subthreshold={SubThreshold:G6} count={SpikeCount:G6} timing={SpikeTiming:G6} rate={FiringRate:G6} van_rossum={VanRossum:G6} victor_purpura={VictorPurpura:G6} matched_voltage={MatchedVoltage:G6} earth_mover={EarthMover:G6}");
    }
}
