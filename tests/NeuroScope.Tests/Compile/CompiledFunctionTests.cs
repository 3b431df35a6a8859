using NeuroScope.Compile;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Tests.Compile;

using Autograd = NeuroScope.Autograd;

public class CompiledFunctionTests
{
    private static Mlp<float> SmallMlp(int seed) => new(1, [8, 8], 1, Activation.Tanh, new Random(seed));

    // Loss and its gradient with respect to the model's parameters, as a compiled training step computes them.
    private static Tensor<float>[] LossAndGradients(Mlp<float> model, Tensor<float> x, Tensor<float> y)
    {
        var loss = Losses.Mse(model.Forward(x), y);
        return [loss, .. Autograd.Grad([loss], model.Parameters().ToList())];
    }

    [Fact]
    public void TrainingStep_Compiled_MatchesDynamicEngineBitForBitOverManySteps()
    {
        var x = Tensor.Linspace(-3f, 3f, 32).Reshape(-1, 1);
        var y = x.Sin();
        var dynamicModel = SmallMlp(1);
        var compiledModel = SmallMlp(1);
        var dynamicOptimizer = new GradientDescent<float>(dynamicModel.Parameters(), learningRate: 0.1);
        var parameters = compiledModel.Parameters().ToList();
        var compiledOptimizer = new GradientDescent<float>(parameters, learningRate: 0.1);
        var step = Compiler.Compile<float>(a => LossAndGradients(compiledModel, a[0], a[1]));
        foreach (var p in parameters)
            p.Grad = Tensor.ZerosLike(p);

        var dynamicLosses = new List<float>();
        var compiledLosses = new List<float>();
        for (int i = 0; i < 20; i++)
        {
            var loss = Losses.Mse(dynamicModel.Forward(x), y);
            loss.Backward();
            dynamicOptimizer.Step();
            dynamicOptimizer.ZeroGrad();
            dynamicLosses.Add(loss.Item());

            var outputs = step.Run(x, y);
            for (int p = 0; p < parameters.Count; p++)
                outputs[1 + p].AsSpan().CopyTo(parameters[p].Grad!.AsSpan());
            compiledOptimizer.Step();
            compiledLosses.Add(outputs[0].Item());
        }

        Assert.Equal(dynamicLosses, compiledLosses);
        var dynamicParameters = dynamicModel.Parameters().ToList();
        for (int p = 0; p < parameters.Count; p++)
            Assert.Equal(dynamicParameters[p].ToArray(), parameters[p].ToArray());
        Assert.Equal(1, step.TraceCount);
    }

    [Fact]
    public void Run_AfterWarmUp_AllocatesNothing()
    {
        var x = Tensor.Linspace(-3f, 3f, 16).Reshape(-1, 1);
        var y = x.Sin();
        var model = SmallMlp(2);
        var step = Compiler.Compile<float>(a => LossAndGradients(model, a[0], a[1]));
        step.Run(x, y);
        step.Run(x, y);

        long allocated = Allocations.Of(() => step.Run(x, y), times: 100);

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void WideLayers_BiasAndTanhInTheProductsEpilogues_MatchDynamicEngineBitForBit(int threads)
    {
        // 1,024 points through 64-wide layers: products of 4M multiply-adds, split over threads; 65,536-element
        // activations, cut into blocks of 64 rows.
        var x = Tensor.Linspace(-3f, 3f, 1024).Reshape(-1, 1);
        var y = x.Sin();
        var dynamicModel = new Mlp<float>(1, [64, 64], 1, Activation.Tanh, new Random(4));
        var compiledModel = new Mlp<float>(1, [64, 64], 1, Activation.Tanh, new Random(4));
        var parameters = compiledModel.Parameters().ToList();
        var dynamicOptimizer = new GradientDescent<float>(dynamicModel.Parameters(), learningRate: 0.1);
        var compiledOptimizer = new GradientDescent<float>(parameters, learningRate: 0.1);
        int saved = EngineSettings.MaxThreads;
        EngineSettings.MaxThreads = threads;
        try
        {
            var step = Compiler.Compile<float>(a => LossAndGradients(compiledModel, a[0], a[1]), new CompileOptions { BlockElements = 4096 });
            for (int i = 0; i < 5; i++)
            {
                var loss = Losses.Mse(dynamicModel.Forward(x), y);
                loss.Backward();
                dynamicOptimizer.Step();
                dynamicOptimizer.ZeroGrad();

                var outputs = step.Run(x, y);
                Assert.Equal(loss.Item(), outputs[0].Item());
                for (int p = 0; p < parameters.Count; p++)
                    parameters[p].Grad = outputs[1 + p];
                compiledOptimizer.Step();
            }

            var dynamicParameters = dynamicModel.Parameters().ToList();
            for (int p = 0; p < parameters.Count; p++)
                Assert.Equal(dynamicParameters[p].ToArray(), parameters[p].ToArray());
            // Forward: two hidden layers' product, bias and tanh; backward: the tanh derivative in the epilogue of
            // the product that makes each hidden layer's incoming gradient.
            Assert.Equal(4, step.Statistics!.Epilogues);
            Assert.Contains("then Add, Tanh", step.Listing);
            Assert.Contains("then Mul, Neg, AddScalar, Mul", step.Listing);
        }
        finally
        {
            EngineSettings.MaxThreads = saved;
        }
    }

    [Fact]
    public void BlockedPasses_AfterWarmUp_AllocateNothing()
    {
        var x = Tensor.Linspace(-3f, 3f, 64).Reshape(-1, 1);
        var y = x.Sin();
        var model = new Mlp<float>(1, [32, 32], 1, Activation.Tanh, new Random(5));
        var step = Compiler.Compile<float>(a => LossAndGradients(model, a[0], a[1]), new CompileOptions { BlockElements = 512 });
        step.Run(x, y);
        step.Run(x, y);

        long allocated = Allocations.Of(() => step.Run(x, y), times: 100);

        Assert.True(step.Statistics!.Epilogues > 0, step.Listing);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ElementwiseChain_IsFusedIntoOneLoop()
    {
        var step = Compiler.Compile<double>(a => [((a[0] * 2.0 + 1.0).Relu() - a[1]).Square()]);

        var result = step.Run(Tensor.FromArray([-1.0, 0.5, 2.0]), Tensor.FromArray([0.0, 1.0, 1.0]));

        Assert.Equal([0.0, 1.0, 16.0], result[0].ToArray());
        Assert.Equal(1, step.Statistics!.FusedLoops);
        Assert.Equal(5, step.Statistics.FusedOps);
        Assert.Equal(1, step.Statistics.Steps);
    }

    [Fact]
    public void CapturedParameter_UpdatedInPlace_IsReadLiveByTheNextRun()
    {
        var w = Tensor.FromArray([2.0]);
        var step = Compiler.Compile<double>(a => [a[0] * w]);
        var x = Tensor.FromArray([3.0]);
        Assert.Equal(6.0, step.Run(x)[0].Item());

        w.AsSpan()[0] = 5.0;

        Assert.Equal(15.0, step.Run(x)[0].Item());
    }

    [Fact]
    public void ShapeChange_Retraces()
    {
        var step = Compiler.Compile<double>(a => [a[0].Square().Sum()]);

        double small = step.Run(Tensor.FromArray([1.0, 2.0]))[0].Item();
        double large = step.Run(Tensor.FromArray([1.0, 2.0, 3.0]))[0].Item();
        double again = step.Run(Tensor.FromArray([2.0, 2.0]))[0].Item();

        Assert.Equal(5.0, small);
        Assert.Equal(14.0, large);
        Assert.Equal(8.0, again);
        Assert.Equal(2, step.TraceCount);
    }

    [Fact]
    public void ShapeChange_WithoutRetracing_NamesTheInputAndBothShapes()
    {
        var step = Compiler.Compile<double>(a => [a[0] + a[1]], new CompileOptions { RetraceOnShapeChange = false });
        step.Run(Tensor.Zeros<double>(2), Tensor.Zeros<double>(2));

        var error = Assert.Throws<ArgumentException>(() => step.Run(Tensor.Zeros<double>(2), Tensor.Zeros<double>(3)));

        Assert.Contains("Input 1 has shape [3]", error.Message);
        Assert.Contains("traced for [2]", error.Message);
    }

    [Fact]
    public void ReadingAValueWhileTracing_NamesTheReader()
    {
        var step = Compiler.Compile<double>(a => [a[0] * a[0].Sum().Item()]);

        var error = Assert.Throws<NotSupportedException>(() => step.Run(Tensor.FromArray([1.0, 2.0])));

        Assert.StartsWith("Item reads the value of a traced tensor", error.Message);
        Assert.Contains("Tensor.Where", error.Message);
    }

    [Fact]
    public void BackwardWhileTracing_SaysToUseGrad()
    {
        var step = Compiler.Compile<double>(a =>
        {
            var loss = a[0].Square().Sum();
            loss.Backward();
            return [loss];
        });

        var error = Assert.Throws<NotSupportedException>(() => step.Run(Tensor.FromArray([1.0]).RequireGrad()));

        Assert.Contains("Autograd.Grad", error.Message);
    }

    [Fact]
    public void DataDependentBranch_WrittenWithWhere_FollowsEachInput()
    {
        // |x| as a branch: x where x > 0, else −x; the gradient takes the chosen side.
        var step = Compiler.Compile<double>(a =>
        {
            var x = a[0];
            var y = Tensor.Where(x.Greater(0.0), x, -x);
            return [y, Autograd.Grad(y.Sum(), x)];
        });

        var first = step.Run(Tensor.FromArray([-2.0, 3.0]).RequireGrad());
        Assert.Equal([2.0, 3.0], first[0].ToArray());
        Assert.Equal([-1.0, 1.0], first[1].ToArray());
        var second = step.Run(Tensor.FromArray([4.0, -5.0]).RequireGrad());

        Assert.Equal([4.0, 5.0], second[0].ToArray());
        Assert.Equal([1.0, -1.0], second[1].ToArray());
    }

    [Theory]
    [InlineData(-1.3)]
    [InlineData(0.2)]
    [InlineData(0.9)]
    public void TanhThirdDerivative_ThroughCompiledPlan_MatchesClosedForm(double value)
    {
        // d³/dx³ tanh x = −2(1 − t²)(1 − 3t²) with t = tanh x: three nested gradients, all replayed.
        var step = Compiler.Compile<double>(a =>
        {
            var x = a[0];
            var first = Autograd.Grad(x.Tanh().Sum(), x, createGraph: true);
            var second = Autograd.Grad(first.Sum(), x, createGraph: true);
            return [Autograd.Grad(second.Sum(), x)];
        });
        step.Run(Tensor.FromArray([0.0]).RequireGrad());

        double third = step.Run(Tensor.FromArray([value]).RequireGrad())[0].Item();

        double t = Math.Tanh(value);
        Assert.Equal(-2 * (1 - t * t) * (1 - 3 * t * t), third, 1e-12);
    }

    [Fact]
    public void HeavisideSurrogate_CompiledGradient_EqualsDynamicBitForBit()
    {
        var x = Tensor.FromArray([-0.3, 0.0, 0.7, -2.0]).RequireGrad();
        Tensor<double>[] Function(Tensor<double>[] a)
        {
            var spikes = a[0].HeavisideFastSigmoid(25.0) + a[0].HeavisideAtan(2.0);
            return [spikes, Autograd.Grad((spikes * a[0]).Sum(), a[0])];
        }
        var expected = Function([x]);

        var actual = Compiler.Compile<double>(Function).Run(x);

        Assert.Equal(expected[0].ToArray(), actual[0].ToArray());
        Assert.Equal(expected[1].ToArray(), actual[1].ToArray());
    }

    [Fact]
    public void OutputThatIsAnInput_IsACopyTheNextRunOverwrites()
    {
        var step = Compiler.Compile<double>(a => [a[0]]);
        var input = Tensor.FromArray([1.0, 2.0]);

        var output = step.Run(input)[0];
        input.AsSpan()[0] = 9.0;

        Assert.Equal([1.0, 2.0], output.ToArray());
        Assert.Equal([9.0, 2.0], step.Run(input)[0].ToArray());
    }
}
