using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>
/// A fully connected layer, y = x·Wᵀ + b, with W stored as [out, in] and b as [out] (PyTorch's <c>nn.Linear</c>);
/// the input's last dimension must be <see cref="InFeatures"/>, and any leading dimensions are kept.
/// </summary>
public sealed class Linear<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Creates the layer with PyTorch's default initialization: W and b drawn from U(−1/√in, 1/√in)
    /// (for W, Kaiming-uniform with a = √5), from <paramref name="random"/> (the shared generator when null).
    /// </summary>
    /// <param name="inFeatures">The size of each input sample, at least 1.</param>
    /// <param name="outFeatures">The size of each output sample, at least 1.</param>
    /// <param name="bias">Whether to learn an additive bias b.</param>
    /// <param name="random">The generator that seeds the initial values.</param>
    public Linear(int inFeatures, int outFeatures, bool bias = true, Random? random = null)
    {
        if (inFeatures < 1)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), inFeatures, "Linear: inFeatures must be at least 1.");
        if (outFeatures < 1)
            throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures, "Linear: outFeatures must be at least 1.");
        random ??= Random.Shared;
        InFeatures = inFeatures;
        OutFeatures = outFeatures;

        // PyTorch's reset_parameters: kaiming_uniform_(a=√5) has gain √(2/(1+5)) = √(1/3), so its bound
        // √(1/3)·√(3/fan_in) is 1/√fan_in, the same as the bias's bound.
        Weight = RegisterParameter("weight", Init.KaimingUniform(Tensor.Zeros<T>(outFeatures, inFeatures), random, gain: Math.Sqrt(1.0 / 3.0)));
        if (bias)
        {
            double bound = 1.0 / Math.Sqrt(inFeatures);
            Bias = RegisterParameter("bias", Init.Uniform(Tensor.Zeros<T>(outFeatures), -bound, bound, random));
        }
    }

    /// <summary>The number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>The number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The weight matrix W, shape [out, in].</summary>
    public Tensor<T> Weight { get; }

    /// <summary>The bias vector b, shape [out], or null for a layer without bias.</summary>
    public Tensor<T>? Bias { get; }

    /// <summary>Overwrites W in place with <paramref name="values"/>, indexed [out, in]; the tensor keeps its identity, so optimizers holding it see the change.</summary>
    public void SetWeight(T[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.GetLength(0) != OutFeatures || values.GetLength(1) != InFeatures)
            throw new ArgumentException(
                $"Linear.SetWeight: values have shape [{values.GetLength(0)}, {values.GetLength(1)}] but the weight is [out, in] = [{OutFeatures}, {InFeatures}].",
                nameof(values));
        var target = Weight.AsSpan();
        for (int o = 0; o < OutFeatures; o++)
            for (int i = 0; i < InFeatures; i++)
                target[o * InFeatures + i] = values[o, i];
    }

    /// <summary>Overwrites b in place with <paramref name="values"/>, one per output feature.</summary>
    public void SetBias(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Bias is null)
            throw new InvalidOperationException("Linear.SetBias: this layer was created with bias: false.");
        if (values.Length != OutFeatures)
            throw new ArgumentException($"Linear.SetBias: {values.Length} values given but the bias has {OutFeatures} (outFeatures).", nameof(values));
        values.CopyTo(Bias.AsSpan());
    }

    /// <summary>y = x·Wᵀ + b over the last dimension of <paramref name="input"/>; the transpose is never copied.</summary>
    public override Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank == 0 || input.Size(-1) != InFeatures)
            throw new ArgumentException(
                $"Linear: the input's last dimension must be inFeatures = {InFeatures}, but the input has shape {ShapeUtil.Format(input.Shape)}.",
                nameof(input));
        if (input.Rank == 2)
            return Affine(input);

        // Other ranks are viewed as a matrix of rows (reshapes share storage) and viewed back.
        var dims = input.Shape.ToArray();
        var output = Affine(input.Reshape(-1, InFeatures));
        dims[^1] = OutFeatures;
        return output.Reshape(dims);
    }

    private Tensor<T> Affine(Tensor<T> rows)
    {
        var product = rows.MatMul(Weight, transposeOther: true);
        return Bias is null ? product : product + Bias;
    }

    /// <inheritdoc/>
    protected override string Describe() => $"inFeatures: {InFeatures}, outFeatures: {OutFeatures}, bias: {(Bias is null ? "false" : "true")}";
}
