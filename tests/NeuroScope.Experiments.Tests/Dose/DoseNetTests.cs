using NeuroScope.Experiments.Dose;

namespace NeuroScope.Experiments.Tests.Dose;

public sealed class DoseNetTests
{
    [Fact]
    public void Parameters_OnlyTheFinalBiasLearns()
    {
        var net = new DoseNet<float>();

        foreach (var (name, value) in net.NamedParameters())
            Assert.Equal(name == "finalBias", value.RequiresGrad);
        Assert.Equal(7, net.ParameterCount);
    }

    [Fact]
    public void Forward_AtTheTrainingDoses_MatchesHandDerivedSums()
    {
        var net = new DoseNet<double>(finalBias: -1);

        var output = net.Forward(Tensor.FromArray([0.0, 0.5, 1.0], 3)).ToArray();

        Assert.Equal(Math.Max(DoseMath.BranchSum(0) - 1, 0), output[0], 12);
        Assert.Equal(DoseMath.BranchSum(0.5) - 1, output[1], 12);
        Assert.Equal(Math.Max(DoseMath.BranchSum(1) - 1, 0), output[2], 12);
    }

    [Fact]
    public void TrainingStep_GradientOfTheBias_IsTwiceTheErrorWhereActive()
    {
        var net = new DoseNet<double>(finalBias: -10);
        var batch = new NeuroScope.Data.Batch<double>(Tensor.FromArray([0.5], 1), Tensor.FromArray([1.0], 1));

        net.TrainingStep(batch, 0).Backward();

        Assert.Equal(2 * (DoseMath.BranchSum(0.5) - 10 - 1), net.FinalBias.Grad!.Item(), 10);
    }
}
