using NeuroScope.Data;

namespace NeuroScope.Tests.Data;

public class DataLoaderTests
{
    // The sample numbers in one epoch, batch by batch, checking that inputs and targets stay paired.
    private static List<int[]> Epoch(IEnumerable<Batch<double>> loader)
    {
        var batches = new List<int[]>();
        foreach (var batch in loader)
        {
            var inputs = batch.Inputs.ToArray();
            var targets = batch.Targets.ToArray();
            var samples = new int[batch.Count];
            for (int r = 0; r < samples.Length; r++)
            {
                samples[r] = (int)inputs[2 * r];
                Assert.Equal(100 + samples[r], inputs[2 * r + 1]);
                Assert.Equal(10 * samples[r], targets[r]);
            }
            batches.Add(samples);
        }
        return batches;
    }

    private static int[] Flatten(List<int[]> batches) => [.. batches.SelectMany(b => b)];

    [Theory]
    [InlineData(10, 3, false, 4, 1)]
    [InlineData(10, 3, true, 3, 3)]
    [InlineData(9, 3, false, 3, 3)]
    [InlineData(9, 3, true, 3, 3)]
    [InlineData(2, 5, true, 0, 0)]
    [InlineData(2, 5, false, 1, 2)]
    public void DataLoader_BatchCounts_MatchCeilingOrFloor(int samples, int batchSize, bool dropLast, int expectedCount, int expectedLastSize)
    {
        var loader = new DataLoader<double>(TensorDatasetTests.Numbered(samples), batchSize, dropLast: dropLast);

        var batches = Epoch(loader);

        Assert.Equal(expectedCount, loader.Count);
        Assert.Equal(expectedCount, batches.Count);
        if (expectedCount > 0)
            Assert.Equal(expectedLastSize, batches[^1].Length);
    }

    [Fact]
    public void DataLoader_Defaults_AreBatchSizeOneInOrder()
    {
        var loader = new DataLoader<double>(TensorDatasetTests.Numbered(4));

        var batches = Epoch(loader);

        Assert.Equal([[0], [1], [2], [3]], batches);
        Assert.Equal(1, loader.BatchSize);
        Assert.False(loader.Shuffle);
    }

    [Fact]
    public void DataLoader_NoShuffle_KeepsOrderEveryEpoch()
    {
        var loader = new DataLoader<double>(TensorDatasetTests.Numbered(7), batchSize: 3);

        var first = Epoch(loader);
        var second = Epoch(loader);

        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void DataLoader_Shuffle_VisitsEverySampleOncePerEpoch()
    {
        var loader = new DataLoader<double>(TensorDatasetTests.Numbered(50), batchSize: 8, shuffle: true, seed: 3);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            var samples = Flatten(Epoch(loader));

            Array.Sort(samples);
            Assert.Equal(Enumerable.Range(0, 50), samples);
        }
    }

    [Fact]
    public void DataLoader_Shuffle_ChangesOrderBetweenEpochsAndFromTheIdentity()
    {
        var loader = new DataLoader<double>(TensorDatasetTests.Numbered(50), batchSize: 8, shuffle: true, seed: 3);

        var first = Flatten(Epoch(loader));
        var second = Flatten(Epoch(loader));

        Assert.NotEqual(first, second);
        Assert.NotEqual(Enumerable.Range(0, 50), first);
    }

    [Fact]
    public void DataLoader_SameSeed_GivesSameEpochs()
    {
        var a = new DataLoader<double>(TensorDatasetTests.Numbered(30), batchSize: 4, shuffle: true, seed: 11);
        var b = new DataLoader<double>(TensorDatasetTests.Numbered(30), batchSize: 4, shuffle: true, seed: 11);
        var other = new DataLoader<double>(TensorDatasetTests.Numbered(30), batchSize: 4, shuffle: true, seed: 12);

        var fromA = new[] { Flatten(Epoch(a)), Flatten(Epoch(a)) };
        var fromB = new[] { Flatten(Epoch(b)), Flatten(Epoch(b)) };
        var fromOther = Flatten(Epoch(other));

        Assert.Equal(fromA, fromB);
        Assert.NotEqual(fromA[0], fromOther);
    }

    [Fact]
    public void DataLoader_ShuffleWithDropLast_LeavesOutOnlyTheRemainder()
    {
        var loader = new DataLoader<double>(TensorDatasetTests.Numbered(10), batchSize: 4, shuffle: true, dropLast: true, seed: 5);

        var batches = Epoch(loader);

        Assert.Equal(2, batches.Count);
        Assert.All(batches, b => Assert.Equal(4, b.Length));
        Assert.Equal(8, Flatten(batches).Distinct().Count());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void DataLoader_BatchSizeBelowOne_ThrowsNamingValue(int batchSize)
    {
        var dataset = TensorDatasetTests.Numbered(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader<double>(dataset, batchSize));

        Assert.Equal("batchSize", error.ParamName);
        Assert.Contains($"batchSize = {batchSize}", error.Message);
    }

    [Fact]
    public void DataLoader_NullDataset_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new DataLoader<double>(null!));
    }
}
