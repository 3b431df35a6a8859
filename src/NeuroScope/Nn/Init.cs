using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>
/// Seeded initializers that overwrite a tensor's values in place (outside the graph), as PyTorch's
/// <c>torch.nn.init</c>; each returns the tensor it filled.
/// </summary>
/// <remarks>
/// Fans follow PyTorch's <c>_calculate_fan_in_and_fan_out</c>: for a tensor of shape [out, in, k₁, k₂, …],
/// fan_in = in·k₁·k₂·… and fan_out = out·k₁·k₂·…; a weight of a <see cref="Linear{T}"/> is [out, in].
/// </remarks>
public static class Init
{
    /// <summary>Fills with values drawn uniformly from [low, high).</summary>
    public static Tensor<T> Uniform<T>(Tensor<T> tensor, double low, double high, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(low) || !double.IsFinite(high) || low > high)
            throw new ArgumentException($"Init.Uniform: the interval [{low}, {high}) must be finite with low ≤ high.", nameof(low));
        var values = tensor.AsSpan();
        double width = high - low;
        for (int i = 0; i < values.Length; i++)
            values[i] = T.CreateTruncating(low + width * random.NextDouble());
        return tensor;
    }

    /// <summary>Fills with values drawn from the normal distribution N(mean, std²).</summary>
    public static Tensor<T> Normal<T>(Tensor<T> tensor, double mean, double std, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        if (!double.IsFinite(mean) || !double.IsFinite(std) || std < 0)
            throw new ArgumentOutOfRangeException(nameof(std), std, "Init.Normal: the mean must be finite and the standard deviation finite and non-negative.");
        Tensor.Normal(tensor.Dims, T.CreateTruncating(mean), T.CreateTruncating(std), random).AsSpan().CopyTo(tensor.AsSpan());
        return tensor;
    }

    /// <summary>Glorot and Bengio (2010): U(−b, b) with b = gain·√(6 / (fan_in + fan_out)).</summary>
    public static Tensor<T> XavierUniform<T>(Tensor<T> tensor, Random random, double gain = 1.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fanIn, fanOut) = Fans(tensor, nameof(XavierUniform));
        CheckGain(gain);
        double bound = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return Uniform(tensor, -bound, bound, random);
    }

    /// <summary>Glorot and Bengio (2010): N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)).</summary>
    public static Tensor<T> XavierNormal<T>(Tensor<T> tensor, Random random, double gain = 1.0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fanIn, fanOut) = Fans(tensor, nameof(XavierNormal));
        CheckGain(gain);
        return Normal(tensor, 0.0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)), random);
    }

    /// <summary>
    /// He et al. (2015): U(−b, b) with b = gain·√(3 / fan), fan chosen by <paramref name="mode"/>; the default gain √2
    /// suits ReLU, and gain √(1/3) (PyTorch's a = √5) gives <see cref="Linear{T}"/>'s default b = 1/√fan_in.
    /// </summary>
    public static Tensor<T> KaimingUniform<T>(Tensor<T> tensor, Random random, double gain = 1.4142135623730951, FanMode mode = FanMode.FanIn)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int fan = Fan(tensor, mode, nameof(KaimingUniform));
        CheckGain(gain);
        double bound = gain * Math.Sqrt(3.0 / fan);
        return Uniform(tensor, -bound, bound, random);
    }

    /// <summary>He et al. (2015): N(0, σ²) with σ = gain / √fan, fan chosen by <paramref name="mode"/>; the default gain √2 suits ReLU.</summary>
    public static Tensor<T> KaimingNormal<T>(Tensor<T> tensor, Random random, double gain = 1.4142135623730951, FanMode mode = FanMode.FanIn)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int fan = Fan(tensor, mode, nameof(KaimingNormal));
        CheckGain(gain);
        return Normal(tensor, 0.0, gain / Math.Sqrt(fan), random);
    }

    /// <summary>Sets every element to zero.</summary>
    public static Tensor<T> Zeros<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.AsSpan().Clear();
        return tensor;
    }

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public static Tensor<T> Constant<T>(Tensor<T> tensor, double value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        tensor.AsSpan().Fill(T.CreateTruncating(value));
        return tensor;
    }

    /// <summary>The fan-in and fan-out of a weight of shape [out, in, k₁, …], as PyTorch computes them.</summary>
    public static (int FanIn, int FanOut) Fans<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T> =>
        Fans(tensor, nameof(Fans));

    private static (int FanIn, int FanOut) Fans<T>(Tensor<T> tensor, string caller) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank < 2)
            throw new ArgumentException(
                $"Init.{caller}: fan-in and fan-out need a tensor of rank 2 or more ([out, in, …]), got shape {ShapeUtil.Format(tensor.Shape)}.", nameof(tensor));
        int receptive = 1;
        for (int d = 2; d < tensor.Rank; d++)
            receptive *= tensor.Size(d);
        return (tensor.Size(1) * receptive, tensor.Size(0) * receptive);
    }

    private static int Fan<T>(Tensor<T> tensor, FanMode mode, string caller) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (fanIn, fanOut) = Fans(tensor, caller);
        int fan = mode switch
        {
            FanMode.FanIn => fanIn,
            FanMode.FanOut => fanOut,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, $"Init.{caller}: allowed modes are FanIn and FanOut."),
        };
        if (fan == 0)
            throw new ArgumentException($"Init.{caller}: the {mode} of shape {ShapeUtil.Format(tensor.Shape)} is 0.", nameof(tensor));
        return fan;
    }

    private static void CheckGain(double gain)
    {
        if (!double.IsFinite(gain) || gain < 0)
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain must be finite and non-negative.");
    }
}
