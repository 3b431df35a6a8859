namespace NeuroScope.Tests.Tensors;

public class StorageTests
{
    [Fact]
    public void LargeResults_BeyondTheBudget_TriggerAFullCollection()
    {
        long saved = EngineSettings.LargeTensorCollectionBytes;
        try
        {
            EngineSettings.LargeTensorCollectionBytes = 8L << 20;
            var x = Tensor.Ones<float>(512, 1024);   // 2 MB per result
            int before = GC.CollectionCount(2);

            for (int i = 0; i < 12; i++)             // 24 MB of results: at least two budgets' worth
                _ = x * 2f;

            Assert.True(GC.CollectionCount(2) >= before + 2, $"{GC.CollectionCount(2) - before} full collections");
        }
        finally
        {
            EngineSettings.LargeTensorCollectionBytes = saved;
        }
    }

    [Fact]
    public void LargeTensorCollectionBytes_IsOffUnlessAProgramOptsIn()
    {
        // The settings are process-wide; this test class owns them, and every test that changes them restores them.
        Assert.Equal(0, EngineSettings.LargeTensorCollectionBytes);
    }

    [Fact]
    public void LargeTensorCollectionBytes_Negative_IsRejectedWithTheAllowedValues()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EngineSettings.LargeTensorCollectionBytes = -1);

        Assert.Contains("0 (off) or positive", error.Message);
    }

    [Fact]
    public void MaxThreads_Zero_IsRejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => EngineSettings.MaxThreads = 0);

        Assert.Contains("at least 1", error.Message);
    }
}
