using System.Collections;
using System.Numerics;

namespace NeuroScope.Data;

/// <summary>
/// Splits a dataset into batches, as PyTorch's <c>DataLoader</c>: each enumeration is one epoch; with
/// <see cref="Shuffle"/> every epoch draws a new permutation from one generator seeded once, so a loader with the
/// same seed yields the same sequence of epochs. The last, smaller batch is kept unless <see cref="DropLast"/>.
/// </summary>
public sealed class DataLoader<T> : IEnumerable<Batch<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Random _random;

    /// <summary>Creates a loader; <paramref name="batchSize"/> is at least 1.</summary>
    public DataLoader(IDataset<T> dataset, int batchSize = 1, bool shuffle = false, bool dropLast = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batchSize = {batchSize} is not allowed; it must be at least 1.");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        Seed = seed;
        _random = new Random(seed);
    }

    /// <summary>The dataset batches are drawn from.</summary>
    public IDataset<T> Dataset { get; }

    /// <summary>The samples per batch (the last batch may have fewer unless <see cref="DropLast"/>).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the samples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether an incomplete last batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>The seed of the shuffling generator.</summary>
    public int Seed { get; }

    /// <summary>The number of batches per epoch: ⌊n / batchSize⌋ with <see cref="DropLast"/>, else ⌈n / batchSize⌉.</summary>
    public int Count => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Enumerates one epoch of batches; with shuffling, the permutation is drawn when enumeration starts.</summary>
    public IEnumerator<Batch<T>> GetEnumerator()
    {
        int n = Dataset.Count;
        int batches = Count;
        if (!Shuffle)
            return Sequential(n, batches);
        var order = new int[n];
        for (int i = 0; i < n; i++)
            order[i] = i;
        _random.Shuffle(order);
        return Shuffled(order, batches);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerator<Batch<T>> Sequential(int n, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            yield return Dataset.GetRange(start, Math.Min(BatchSize, n - start));
        }
    }

    private IEnumerator<Batch<T>> Shuffled(int[] order, int batches)
    {
        for (int b = 0; b < batches; b++)
        {
            int start = b * BatchSize;
            yield return Dataset.Get(order[start..Math.Min(start + BatchSize, order.Length)]);
        }
    }
}
