namespace NeuroScope.Tests;

/// <summary>Bytes a piece of code allocates on the calling thread, for the tests that promise a replay allocates nothing.</summary>
internal static class Allocations
{
    /// <summary>Runs <paramref name="action"/> <paramref name="times"/> times and returns what those runs allocated.</summary>
    public static long Of(Action action, int times = 1)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < times; i++)
            action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
