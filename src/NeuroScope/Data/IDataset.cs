using System.Numerics;

namespace NeuroScope.Data;

/// <summary>A finite, indexable collection of samples that hands out batches (PyTorch's map-style <c>Dataset</c>).</summary>
public interface IDataset<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of samples.</summary>
    int Count { get; }

    /// <summary>Samples [start, start + count) as one batch.</summary>
    Batch<T> GetRange(int start, int count);

    /// <summary>The samples at <paramref name="indices"/>, in that order, as one batch.</summary>
    Batch<T> Get(int[] indices);
}
