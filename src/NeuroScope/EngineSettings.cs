namespace NeuroScope;

/// <summary>Process-wide engine settings: how many threads large kernels may use.</summary>
public static class EngineSettings
{
    private static int _maxThreads = Environment.ProcessorCount;
    private static long _largeTensorCollectionBytes = 32L << 20;

    /// <summary>The most threads a kernel may use (1 = single-threaded); defaults to the processor count.</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
    }

    /// <summary>
    /// After this many bytes of large tensor results (85 KB and more each), the engine requests a full, non-compacting
    /// garbage collection, so short-lived activations do not pile up on the large-object heap; 0 turns it off.
    /// Defaults to 32 MB.
    /// </summary>
    public static long LargeTensorCollectionBytes
    {
        get => _largeTensorCollectionBytes;
        set => _largeTensorCollectionBytes = value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "LargeTensorCollectionBytes must be 0 (off) or positive.");
    }
}
