namespace NeuroScope.Kernels;

/// <summary>
/// The one way kernels split work over threads: [0, count) is cut into a few contiguous ranges per thread and run
/// with <see cref="Parallel"/>, capped at <see cref="EngineSettings.MaxThreads"/>. Small work never pays for the
/// thread pool: a single range runs on the caller's thread.
/// </summary>
internal static class Chunks
{
    /// <summary>The smallest element-wise pass worth splitting (1 MB of floats).</summary>
    public const int MinimumLength = 1 << 18;

    /// <summary>
    /// Runs the element-wise <paramref name="body"/>(start, count) over [0, length) in per-thread chunks. Below
    /// <see cref="MinimumLength"/> elements, or with <see cref="EngineSettings.MaxThreads"/> = 1, it runs once on the
    /// caller's thread.
    /// </summary>
    public static void For(int length, Action<int, int> body)
    {
        int threads = EngineSettings.MaxThreads;
        if (threads == 1 || length < MinimumLength)
        {
            body(0, length);
            return;
        }
        // Chunk boundaries on 64-element steps keep each chunk's vectors aligned the same way.
        ForRanges(length, threads, 64, MinimumLength / 2, (lo, hi) => body(lo, hi - lo));
    }

    /// <summary>
    /// Splits [0,count) into a few contiguous ranges per thread (boundaries on multiples of <paramref name="align"/>,
    /// none shorter than about <paramref name="minChunk"/>) and runs <paramref name="body"/>(lo, hi) on each with
    /// Parallel.For capped at <paramref name="threads"/>.
    /// </summary>
    public static void ForRanges(int count, int threads, int align, int minChunk, Action<int, int> body)
    {
        int chunk = Chunk(count, threads, align, minChunk, out int parts);
        if (parts <= 1)
        {
            body(0, count);
            return;
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Parallel.For(0, parts, options, part =>
        {
            int lo = part * chunk;
            body(lo, Math.Min(count, lo + chunk));
        });
    }

    /// <summary>
    /// Range length for splitting [0,count): a few ranges per thread, so the caller can pick up a share that a
    /// descheduled worker has not started (a busy machine then costs little more than running serially).
    /// </summary>
    public static int Chunk(int count, int threads, int align, int minChunk, out int parts)
    {
        const int RangesPerThread = 4;
        parts = (int)Math.Clamp((long)threads * RangesPerThread, 1, Math.Max(1, count / minChunk));
        int chunk = (count + parts - 1) / parts;
        chunk = (chunk + align - 1) / align * align;
        parts = (count + chunk - 1) / chunk;
        return chunk;
    }
}
