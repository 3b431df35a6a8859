using System.Numerics;
using NeuroScope.Diagnostics;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Bench;

/// <summary>The workloads written against the engine, as a NeuroScope user would write them.</summary>
internal static class EngineWorkloads
{
    /// <summary>W1: the dose-response net sample by sample on scalar tensors, summed loss, one backward, one SGD step.</summary>
    public static Dictionary<string, double> Dose()
    {
        var w00 = Tensor.Scalar(1.70f); var b00 = Tensor.Scalar(-0.85f); var w01 = Tensor.Scalar(-40.8f);
        var w10 = Tensor.Scalar(12.6f); var b10 = Tensor.Scalar(0.0f); var w11 = Tensor.Scalar(2.70f);
        var bias = Tensor.Scalar(0f).RequireGrad();
        var inputs = new[] { Tensor.Scalar(0f), Tensor.Scalar(0.5f), Tensor.Scalar(1f) };
        var targets = new[] { Tensor.Scalar(0f), Tensor.Scalar(1f), Tensor.Scalar(0f) };
        var optimizer = new Sgd<float>([bias], learningRate: 0.1);
        for (int epoch = 0; epoch < 100; epoch++)
        {
            Tensor<float>? total = null;
            for (int i = 0; i < 3; i++)
            {
                var top = (inputs[i] * w00 + b00).Relu() * w01;
                var bottom = (inputs[i] * w10 + b10).Relu() * w11;
                var output = (top + bottom + bias).Relu();
                var loss = (output - targets[i]).Square();
                total = total is null ? loss : total + loss;
            }
            total!.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
        }
        return new() { ["bias"] = bias.Item() };
    }

    /// <summary>W2: Linear(1,1) from w = 0.5, b = 0, full-batch MSE on 100 integers, SGD lr 0.01, 500 epochs.</summary>
    public static Dictionary<string, double> CopyMse()
    {
        var x = Tensor.FromArray(Inputs.CopyIntegers(), 100, 1);
        var model = CopyModel();
        var optimizer = new Sgd<float>(model.Parameters(), learningRate: 0.01);
        float loss = 0;
        for (int epoch = 0; epoch < 500; epoch++)
        {
            var l = Losses.Mse(model.Forward(x), x);
            l.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
            loss = l.Item();
        }
        return new() { ["weight"] = model.Weight.Item(), ["bias"] = model.Bias!.Item(), ["loss"] = loss };
    }

    /// <summary>W3: Linear(1,1), 25,000 single-sample steps of the reward/penalty objective, SGD lr 0.01.</summary>
    public static Dictionary<string, double> CopyReward()
    {
        float[] xs = Inputs.CopyUniform();
        var model = CopyModel();
        var optimizer = new Sgd<float>(model.Parameters(), learningRate: 0.01);
        var x = Tensor.Zeros<float>(1, 1);
        for (int step = 0; step < xs.Length; step++)
        {
            x.AsSpan()[0] = xs[step];
            var error = (model.Forward(x) - x).Abs();
            var penalty = error.Greater(0.01f) * error * 1.333f;
            var loss = ((error / -100f).Exp().Neg() + penalty).Mean();
            loss.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
        }
        return new() { ["weight"] = model.Weight.Item(), ["bias"] = model.Bias!.Item() };
    }

    private static Linear<float> CopyModel()
    {
        var model = new Linear<float>(1, 1, random: new Random(0));
        model.SetWeight(new float[,] { { 0.5f } });
        model.SetBias([0f]);
        return model;
    }

    /// <summary>W5: the finite-difference LIF fit through the neuron experiment's own simulation (the problem is built once, outside the timer).</summary>
    public static Func<Dictionary<string, double>> LifFit(NeuroScope.Experiments.Neuron.GradientSource source)
    {
        var problem = NeuroScope.Experiments.Neuron.NeuronExperiment.BenchmarkProblem();
        var settings = NeuroScope.Experiments.Neuron.NeuronExperiment.BenchmarkSettings with { Gradient = source };
        return () =>
        {
            var result = NeuroScope.Experiments.Neuron.NeuronFitter.Fit(problem, NeuroScope.Experiments.Neuron.NeuronExperiment.BenchmarkStart, settings);
            return new() { ["tau"] = result.Final.Tau, ["v_threshold"] = result.Final.VThreshold, ["loss"] = result.FinalLoss };
        };
    }

    /// <summary>W4: MLP 1-64-64-1 (tanh) on sin over 256 points, GD lr 0.05, 1,000 steps; every 10 steps 20 power iterations of exact HVPs.</summary>
    public static Dictionary<string, double> Fit1D<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Tensor.Linspace(-T.Pi, T.Pi, 256).Reshape(-1, 1);
        var y = x.Sin();
        var model = XavierMlp<T>([64, 64], seed: 0);
        var parameters = model.Parameters().ToList();
        var optimizer = new GradientDescent<T>(parameters, learningRate: 0.05);
        double initial = double.NaN, loss = double.NaN, sharpness = double.NaN;
        Tensor<T>? eigenvector = null;
        Tensor<T> Loss() => Losses.Mse(model.Forward(x), y);
        for (int step = 0; step < 1000; step++)
        {
            if (step % 10 == 0)
            {
                var top = Hessian.PowerIteration(new HessianOperator<T>(Loss, parameters), eigenvector, maxIterations: 20, tolerance: 0);
                sharpness = double.CreateTruncating(top.Eigenvalue);
                eigenvector = top.Eigenvector;
            }
            var l = Loss();
            l.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
            loss = double.CreateTruncating(l.Item());
            if (step == 0)
                initial = loss;
        }
        return new() { ["loss"] = loss, ["initial_loss"] = initial, ["sharpness"] = sharpness };
    }

    /// <summary>W6: MLP 1-256-256-256-1 (tanh), 4,096 points, 200 full-batch SGD steps, lr 0.01.</summary>
    public static Dictionary<string, double> Throughput<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Tensor.Linspace(-T.Pi, T.Pi, 4096).Reshape(-1, 1);
        var y = x.Sin();
        var model = XavierMlp<T>([256, 256, 256], seed: 0);
        var optimizer = new Sgd<T>(model.Parameters(), learningRate: 0.01);
        double initial = double.NaN, loss = double.NaN;
        for (int step = 0; step < 200; step++)
        {
            var l = Losses.Mse(model.Forward(x), y);
            l.Backward();
            optimizer.Step();
            optimizer.ZeroGrad();
            loss = double.CreateTruncating(l.Item());
            if (step == 0)
                initial = loss;
        }
        return new() { ["loss"] = loss, ["initial_loss"] = initial };
    }

    internal static Mlp<T> XavierMlp<T>(int[] hidden, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var model = new Mlp<T>(1, hidden, 1, Activation.Tanh, random);
        foreach (var layer in model.Layers)
        {
            Init.XavierUniform(layer.Weight, random);
            Init.Zeros(layer.Bias!);
        }
        return model;
    }
}
