namespace NeuroScope.Kernels;

/// <summary>
/// Splits a large element-wise pass into one contiguous chunk per thread. Below <see cref="MinimumLength"/> elements,
/// or with <see cref="EngineSettings.MaxThreads"/> = 1, the body runs once on the caller's thread: small work never
/// pays for the thread pool.
/// </summary>
internal static class Chunks
{
    /// <summary>The smallest pass worth splitting (1 MB of floats).</summary>
    public const int MinimumLength = 1 << 18;

    /// <summary>Runs <paramref name="body"/>(start, count) over [0, length) in per-thread chunks.</summary>
    public static void For(int length, Action<int, int> body)
    {
        int threads = EngineSettings.MaxThreads;
        if (threads == 1 || length < MinimumLength)
        {
            body(0, length);
            return;
        }
        int chunks = Math.Min(threads, length / (MinimumLength / 2));
        // Chunk boundaries on 64-element steps keep each chunk's vectors aligned the same way.
        int size = (length / chunks + 63) & ~63;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            int start = i * size;
            if (start < length)
                body(start, Math.Min(size, length - start));
        });
    }
}
