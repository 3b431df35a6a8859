namespace NeuroScope.Bench;

/// <summary>The seeded inputs the workloads share, so the engine and the hand-written loops see the same data.</summary>
internal static class Inputs
{
    /// <summary>W2's 100 integers drawn from 0..9 (seed 0).</summary>
    public static float[] CopyIntegers()
    {
        var random = new Random(0);
        var x = new float[100];
        for (int i = 0; i < x.Length; i++)
            x[i] = random.Next(0, 10);
        return x;
    }

    /// <summary>W3's 25,000 values drawn uniformly from [0, 10) (seed 0).</summary>
    public static float[] CopyUniform()
    {
        var random = new Random(0);
        var x = new float[25_000];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(random.NextDouble() * 10.0);
        return x;
    }
}
