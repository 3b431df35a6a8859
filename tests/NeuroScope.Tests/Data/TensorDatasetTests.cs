using NeuroScope.Data;

namespace NeuroScope.Tests.Data;

public class TensorDatasetTests
{
    // Sample i has inputs [i, 100 + i] and target 10·i, so a batch shows which samples it holds.
    internal static TensorDataset<double> Numbered(int count)
    {
        var inputs = new double[count, 2];
        var targets = new double[count];
        for (int i = 0; i < count; i++)
        {
            inputs[i, 0] = i;
            inputs[i, 1] = 100 + i;
            targets[i] = 10 * i;
        }
        return new TensorDataset<double>(Tensor.FromArray(inputs), Tensor.FromArray(targets, count));
    }

    [Fact]
    public void TensorDataset_GetRange_ReturnsThoseRows()
    {
        var dataset = Numbered(5);

        var batch = dataset.GetRange(1, 3);

        Assert.Equal([1.0, 101, 2, 102, 3, 103], batch.Inputs.ToArray());
        Assert.Equal([10.0, 20, 30], batch.Targets.ToArray());
        Assert.Equal(3, batch.Count);
    }

    [Fact]
    public void TensorDataset_GetIndices_ReturnsRowsInThatOrder()
    {
        var dataset = Numbered(5);

        var batch = dataset.Get([4, 0, 4]);

        Assert.Equal([4.0, 104, 0, 100, 4, 104], batch.Inputs.ToArray());
        Assert.Equal([40.0, 0, 40], batch.Targets.ToArray());
    }

    [Fact]
    public void TensorDataset_DifferentSampleCounts_ThrowsNamingBoth()
    {
        var inputs = Tensor.Zeros<double>(5, 2);
        var targets = Tensor.Zeros<double>(4);

        var error = Assert.Throws<ArgumentException>(() => new TensorDataset<double>(inputs, targets));

        Assert.Contains("inputs has 5 samples", error.Message);
        Assert.Contains("targets has 4", error.Message);
    }

    [Fact]
    public void TensorDataset_ScalarInputs_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TensorDataset<double>(Tensor.Scalar(1.0), Tensor.Zeros<double>(1)));

        Assert.Equal("inputs", error.ParamName);
    }

    [Fact]
    public void TensorDataset_IndexOutOfRange_ThrowsNamingIndexAndRange()
    {
        var dataset = Numbered(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dataset.Get([0, 3]));

        Assert.Contains("indices[1] = 3", error.Message);
        Assert.Contains("[0, 3)", error.Message);
    }

    [Fact]
    public void TensorDataset_RangePastTheEnd_Throws()
    {
        var dataset = Numbered(3);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => dataset.GetRange(2, 2));

        Assert.Contains("start = 2, count = 2", error.Message);
    }
}
