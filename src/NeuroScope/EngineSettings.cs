namespace NeuroScope;

/// <summary>Process-wide engine settings: how many threads large kernels may use.</summary>
public static class EngineSettings
{
    private static int _maxThreads = Environment.ProcessorCount;

    /// <summary>The most threads a kernel may use (1 = single-threaded); defaults to the processor count.</summary>
    public static int MaxThreads
    {
        get => _maxThreads;
        set => _maxThreads = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxThreads must be at least 1.");
    }
}
