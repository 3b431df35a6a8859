using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

public class OptimizerStateTests
{
    private static readonly double[] Center = [0.5, 1.0, -1.5];

    private static void Steps(Optimizer<double> optimizer, Tensor<double> p, int count, List<double[]>? trajectory = null)
    {
        var c = Tensor.FromArray((double[])Center.Clone(), Center.Length);
        for (int s = 0; s < count; s++)
        {
            optimizer.ZeroGrad();
            (p - c).Square().Sum().Backward();
            optimizer.Step();
            trajectory?.Add(p.ToArray());
        }
    }

    public static TheoryData<string> Kinds => ["Sgd", "Adam", "GradientDescent"];

    // The restored optimizer is built with other settings on purpose: loading must bring the saved ones back.
    private static (Optimizer<double> Original, Func<Tensor<double>, Optimizer<double>> Fresh) Create(string kind, Tensor<double> p) => kind switch
    {
        "Sgd" => (new Sgd<double>([p], 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true), q => new Sgd<double>([q], 1.0)),
        "Adam" => (new Adam<double>([p], 0.1, beta1: 0.8, weightDecay: 0.01), q => new Adam<double>([q])),
        _ => (new GradientDescent<double>([p], 0.1), q => new GradientDescent<double>([q], 1.0)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LoadState_IntoFreshOptimizer_ContinuesIdentically(string kind)
    {
        var p = Tensor.FromArray([1.0, -2.0, 0.5], 3).RequireGrad();
        var (original, fresh) = Create(kind, p);
        Steps(original, p, 2);
        var state = original.SaveState();
        var q = p.Detach().Clone().RequireGrad();
        var restored = fresh(q);
        restored.LoadState(state);
        var expected = new List<double[]>();
        var actual = new List<double[]>();

        Steps(original, p, 3, expected);
        Steps(restored, q, 3, actual);

        Assert.Equal(expected, actual);
        Assert.Equal(original.StepCount, restored.StepCount);
        Assert.Equal(original.LearningRate, restored.LearningRate);
    }

    [Fact]
    public void SaveState_IsADeepCopy()
    {
        var p = Tensor.FromArray([1.0, -2.0, 0.5], 3).RequireGrad();
        var adam = new Adam<double>([p], 0.1);
        Steps(adam, p, 1);
        var state = adam.SaveState();
        var savedMean = (double[])state.Buffers["exp_avg.0"].Clone();

        Steps(adam, p, 2);
        adam.LearningRate = 0.5;

        Assert.Equal(savedMean, state.Buffers["exp_avg.0"]);
        Assert.Equal(0.1, state.LearningRate);
        Assert.Equal(1, state.StepCount);
    }

    [Fact]
    public void LoadState_IsADeepCopy()
    {
        var p = Tensor.FromArray([1.0, -2.0, 0.5], 3).RequireGrad();
        var sgd = new Sgd<double>([p], 0.1, momentum: 0.9);
        Steps(sgd, p, 1);
        var state = sgd.SaveState();
        var q = p.Detach().Clone().RequireGrad();
        var restored = new Sgd<double>([q], 0.1, momentum: 0.9);
        restored.LoadState(state);
        var savedBuffer = (double[])state.Buffers["momentum.0"].Clone();

        Steps(restored, q, 2);

        Assert.Equal(savedBuffer, state.Buffers["momentum.0"]);
    }

    [Fact]
    public void LoadState_FromOtherKind_ThrowsNamingBoth()
    {
        var state = new Sgd<double>([Tensor.Zeros<double>(3).RequireGrad()], 0.1).SaveState();
        var adam = new Adam<double>([Tensor.Zeros<double>(3).RequireGrad()]);

        var error = Assert.Throws<ArgumentException>(() => adam.LoadState(state));

        Assert.Contains("Sgd", error.Message);
        Assert.Contains("Adam", error.Message);
    }

    [Fact]
    public void LoadState_FromOtherShapes_ThrowsNamingBothShapes()
    {
        var state = new Sgd<double>([Tensor.Zeros<double>(4).RequireGrad()], 0.1).SaveState();
        var sgd = new Sgd<double>([Tensor.Zeros<double>(2, 2).RequireGrad()], 0.1);

        var error = Assert.Throws<ArgumentException>(() => sgd.LoadState(state));

        Assert.Contains("[2, 2]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void LoadState_FromOtherParameterCount_ThrowsNamingBothCounts()
    {
        var state = new Sgd<double>([Tensor.Zeros<double>(2).RequireGrad()], 0.1).SaveState();
        var sgd = new Sgd<double>([Tensor.Zeros<double>(2).RequireGrad(), Tensor.Zeros<double>(2).RequireGrad()], 0.1);

        var error = Assert.Throws<ArgumentException>(() => sgd.LoadState(state));

        Assert.Contains("1 parameters", error.Message);
        Assert.Contains("has 2", error.Message);
    }

    [Fact]
    public void LoadState_FloatStateIntoDouble_RestoresValues()
    {
        var p = Tensor.FromArray([1.0f, -2.0f], 2).RequireGrad();
        var sgd = new Sgd<float>([p], 0.1, momentum: 0.5);
        p.Sum().Backward();
        sgd.Step();
        var state = sgd.SaveState();
        var restored = new Sgd<double>([Tensor.Zeros<double>(2).RequireGrad()], 0.1);

        restored.LoadState(state);

        Assert.Equal([1.0, 1.0], restored.SaveState().Buffers["momentum.0"]);
        Assert.Equal(0.5, restored.Momentum);
    }

    [Fact]
    public void Step_AfterTheFirst_AllocatesNothing()
    {
        var p = Tensor.Uniform([64, 8], -1.0f, 1.0f, seed: 1).RequireGrad();
        var b = Tensor.Uniform([8], -1.0f, 1.0f, seed: 2).RequireGrad();
        (p.Sum() + b.Square().Sum()).Backward();
        Optimizer<float>[] optimizers =
        [
            new Sgd<float>([p, b], 0.01, momentum: 0.9, dampening: 0.1, weightDecay: 0.01),
            new Sgd<float>([p, b], 0.01, momentum: 0.9, weightDecay: 0.01, nesterov: true),
            new Adam<float>([p, b], 0.01, weightDecay: 0.01),
            new GradientDescent<float>([p, b], 0.01),
        ];
        foreach (var optimizer in optimizers)
            for (int s = 0; s < 3; s++)
                optimizer.Step();

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var optimizer in optimizers)
            for (int s = 0; s < 10; s++)
                optimizer.Step();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
