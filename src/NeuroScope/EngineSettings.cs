namespace NeuroScope;

/// <summary>Process-wide engine settings: how many threads large kernels may use, and an opt-in collection budget for large results.</summary>
public static class EngineSettings
{
    private static int _maxThreads = Environment.ProcessorCount;
    private static long _largeTensorCollectionBytes;

    /// <summary>
    /// A <see cref="LargeTensorCollectionBytes"/> budget that kept the 256-wide MLP benchmark (4,096 inputs) near its
    /// live data at no measurable cost: 32 MB.
    /// </summary>
    public const long SuggestedLargeTensorCollectionBytes = 32L << 20;

    /// <summary>The most threads a kernel may use (1 = single-threaded); defaults to the processor count.</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
    }

    /// <summary>
    /// Opt-in: after this many bytes of large tensor results (85 KB and more each), the engine requests a full,
    /// non-compacting garbage collection, so short-lived activations do not pile up on the large-object heap. 0, the
    /// default, leaves collections to the runtime; a program that trains on large batches sets it (the
    /// <c>neuroscope</c> command and the benchmark suite use <see cref="SuggestedLargeTensorCollectionBytes"/>).
    /// </summary>
    public static long LargeTensorCollectionBytes
    {
        get => _largeTensorCollectionBytes;
        set => _largeTensorCollectionBytes = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "LargeTensorCollectionBytes must be 0 (off) or positive.");
    }
}
