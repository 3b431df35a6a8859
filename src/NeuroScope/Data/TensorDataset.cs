using System.Numerics;

namespace NeuroScope.Data;

/// <summary>A dataset over two tensors whose first dimension indexes the samples, as PyTorch's <c>TensorDataset</c>.</summary>
public sealed class TensorDataset<T> : IDataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the dataset; <paramref name="inputs"/> and <paramref name="targets"/> need at least one dimension and the same first dimension.</summary>
    public TensorDataset(Tensor<T> inputs, Tensor<T> targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        if (inputs.Rank == 0)
            throw new ArgumentException("inputs is a scalar; it needs a first dimension that indexes the samples.", nameof(inputs));
        if (targets.Rank == 0)
            throw new ArgumentException("targets is a scalar; it needs a first dimension that indexes the samples.", nameof(targets));
        if (inputs.Size(0) != targets.Size(0))
            throw new ArgumentException(
                $"inputs has {inputs.Size(0)} samples (shape {ShapeUtil.Format(inputs.Shape)}) but targets has {targets.Size(0)} (shape {ShapeUtil.Format(targets.Shape)}); the first dimensions must agree.",
                nameof(targets));
        Inputs = inputs;
        Targets = targets;
    }

    /// <summary>All inputs, shape [samples, …].</summary>
    public Tensor<T> Inputs { get; }

    /// <summary>All targets, shape [samples, …].</summary>
    public Tensor<T> Targets { get; }

    /// <inheritdoc/>
    public int Count => Inputs.Size(0);

    /// <inheritdoc/>
    public Batch<T> GetRange(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start),
                $"The range start = {start}, count = {count} is outside the dataset's {Count} samples; it must lie in [0, {Count}).");
        return new Batch<T>(Inputs.Rows(start, count), Targets.Rows(start, count));
    }

    /// <inheritdoc/>
    public Batch<T> Get(int[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        for (int i = 0; i < indices.Length; i++)
            if ((uint)indices[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(indices), indices[i],
                    $"indices[{i}] = {indices[i]} is outside the dataset; it must lie in [0, {Count}).");
        return new Batch<T>(Inputs.IndexRows(indices), Targets.IndexRows(indices));
    }
}
