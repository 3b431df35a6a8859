namespace NeuroScope;

/// <summary>
/// Allocates the element arrays of op results. Arrays of 85 KB and more live on .NET's large-object heap, which is
/// collected only with generation 2: a training step that makes hundreds of megabytes of short-lived activations
/// can let the process grow to several times its live data. A program that opts in with
/// <see cref="EngineSettings.LargeTensorCollectionBytes"/> gets a non-compacting full collection after every that many
/// bytes of large results, which is cheap when little is live, and keeps the peak near live data plus that budget;
/// by default (0) allocation has no such side effect.
/// </summary>
internal static class Storage
{
    private const int LargeObjectBytes = 85_000;
    private static long _largeBytesSinceCollection;

    public static T[] Allocate<T>(int length) where T : unmanaged
    {
        long bytes = (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (bytes >= LargeObjectBytes)
            Account(bytes);
        return new T[length];
    }

    private static void Account(long bytes)
    {
        long budget = EngineSettings.LargeTensorCollectionBytes;
        if (budget <= 0)
            return;
        if (Interlocked.Add(ref _largeBytesSinceCollection, bytes) >= budget)
        {
            Interlocked.Exchange(ref _largeBytesSinceCollection, 0);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        }
    }
}
