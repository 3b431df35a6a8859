namespace NeuroScope.Tests.Kernels;

public class ChunksTests
{
    [Fact]
    public void LargeElementwiseOps_OnTwoThreads_EqualTheSingleThreadedResultBitForBit()
    {
        int saved = EngineSettings.MaxThreads;
        try
        {
            // Odd length past the split threshold, so the last chunk is short.
            var a = Tensor.Uniform([(1 << 19) + 37], -3f, 3f, seed: 1);
            var b = Tensor.Uniform([(1 << 19) + 37], -3f, 3f, seed: 2);
            EngineSettings.MaxThreads = 1;
            float[] tanh1 = a.Tanh().ToArray(), product1 = (a * b).ToArray();

            EngineSettings.MaxThreads = 2;
            float[] tanh2 = a.Tanh().ToArray(), product2 = (a * b).ToArray();

            Assert.Equal(tanh1, tanh2);
            Assert.Equal(product1, product2);
        }
        finally
        {
            EngineSettings.MaxThreads = saved;
        }
    }

    [Fact]
    public void For_CoversEveryIndexExactlyOnce()
    {
        int saved = EngineSettings.MaxThreads;
        try
        {
            EngineSettings.MaxThreads = 2;
            int length = NeuroScope.Kernels.Chunks.MinimumLength * 3 + 5;
            var hits = new int[length];

            NeuroScope.Kernels.Chunks.For(length, (start, count) =>
            {
                for (int i = start; i < start + count; i++)
                    Interlocked.Increment(ref hits[i]);
            });

            Assert.All(hits, h => Assert.Equal(1, h));
        }
        finally
        {
            EngineSettings.MaxThreads = saved;
        }
    }
}
