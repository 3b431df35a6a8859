namespace NeuroScope.Experiments.Neuron;

/// <summary>Summary statistics of a spike train: count, mean rate in Hz and the inter-spike intervals in ms.</summary>
/// <param name="Count">The number of spikes.</param>
/// <param name="RateHz">Count divided by the duration in seconds.</param>
/// <param name="InterSpikeIntervals">tᵢ₊₁ − tᵢ for consecutive spikes, in ms (one fewer than the spikes).</param>
public sealed record SpikeStatistics(int Count, double RateHz, double[] InterSpikeIntervals)
{
    /// <summary>The mean inter-spike interval in ms, or NaN with fewer than two spikes.</summary>
    public double MeanInterSpikeInterval => InterSpikeIntervals.Length == 0 ? double.NaN : InterSpikeIntervals.Average();

    /// <summary>The coefficient of variation of the intervals (standard deviation / mean), or NaN with fewer than two intervals.</summary>
    public double CoefficientOfVariation
    {
        get
        {
            if (InterSpikeIntervals.Length < 2)
                return double.NaN;
            double mean = MeanInterSpikeInterval, sum = 0;
            foreach (double isi in InterSpikeIntervals)
                sum += (isi - mean) * (isi - mean);
            return Math.Sqrt(sum / InterSpikeIntervals.Length) / mean;
        }
    }

    /// <summary>The statistics of ascending <paramref name="spikeTimes"/> (ms) over <paramref name="duration"/> ms.</summary>
    public static SpikeStatistics From(ReadOnlySpan<double> spikeTimes, double duration)
    {
        if (!double.IsFinite(duration) || duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration,
                $"SpikeStatistics: duration must be a finite time greater than 0 ms, but was {LifParameters.Format(duration)}.");
        var intervals = new double[Math.Max(0, spikeTimes.Length - 1)];
        for (int i = 0; i < intervals.Length; i++)
            intervals[i] = spikeTimes[i + 1] - spikeTimes[i];
        return new SpikeStatistics(spikeTimes.Length, Rate(spikeTimes.Length, duration), intervals);
    }

    /// <summary>The rate in Hz of <paramref name="count"/> spikes in <paramref name="duration"/> ms: 1000·count/duration.</summary>
    public static double Rate(int count, double duration) => 1000.0 * count / duration;
}
