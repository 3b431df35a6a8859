namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Seeded Gaussian noise: I(t) = mean + std·zₖ with zₖ ~ N(0, 1) for the bin k = ⌊t/binWidth⌋, so the current is
/// held over each bin and is a pure function of (seed, t).
/// </summary>
/// <remarks>
/// zₖ comes from a counter-based generator (SplitMix64 of seed and k, then Box–Muller), so a value does not
/// depend on which other times were asked for, and a grid with any dt sees the same noise.
/// </remarks>
public sealed record NoiseCurrent : InputCurrent
{
    /// <summary>Creates a noise current; the standard deviation must not be negative, the bin width must be positive.</summary>
    public NoiseCurrent(double mean, double standardDeviation, int seed, double binWidth = 0.1)
    {
        CheckFinite(mean, "mean", "NoiseCurrent");
        CheckFinite(standardDeviation, "standardDeviation", "NoiseCurrent");
        if (standardDeviation < 0)
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation,
                $"NoiseCurrent: standardDeviation must be at least 0 mV, but was {LifParameters.Format(standardDeviation)}.");
        if (!double.IsFinite(binWidth) || binWidth <= 0)
            throw new ArgumentOutOfRangeException(nameof(binWidth), binWidth,
                $"NoiseCurrent: binWidth must be a finite time greater than 0 ms, but was {LifParameters.Format(binWidth)}.");
        Mean = mean;
        StandardDeviation = standardDeviation;
        Seed = seed;
        BinWidth = binWidth;
    }

    /// <summary>The mean current, in mV.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation, in mV.</summary>
    public double StandardDeviation { get; }

    /// <summary>The seed; the same seed gives the same noise.</summary>
    public int Seed { get; }

    /// <summary>How long each value is held, in ms.</summary>
    public double BinWidth { get; }

    /// <inheritdoc/>
    public override string Name =>
        $"noise {LifParameters.Format(Mean)} ± {LifParameters.Format(StandardDeviation)} mV (seed {Seed})";

    /// <inheritdoc/>
    public override double At(double time)
    {
        long bin = (long)Math.Floor(time / BinWidth + TimeTolerance);
        ulong state = unchecked((ulong)Seed * 0x9E3779B97F4A7C15UL ^ (ulong)bin);
        double u1 = ToUnit(SplitMix(ref state)), u2 = ToUnit(SplitMix(ref state));
        double z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Mean + StandardDeviation * z;
    }

    // SplitMix64 (Steele, Lea and Flood 2014): a good 64-bit mix, cheap to seed from a counter.
    private static ulong SplitMix(ref ulong state)
    {
        unchecked
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    // A uniform in (0, 1]: never 0, so the logarithm in Box–Muller is finite.
    private static double ToUnit(ulong bits) => ((bits >> 11) + 1) * (1.0 / (1UL << 53));
}
