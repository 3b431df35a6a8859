using System.Numerics;
using NeuroScope.Diagnostics;
using NeuroScope.Experiments.Neuron;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Bench;

/// <summary>
/// The workloads written against the engine, as a NeuroScope user would write them. Each one's set-up (model, inputs,
/// optimizer) and loop are written once and run either way (<see cref="Execution"/>): the set-up is built once,
/// outside the timer, and every timed run puts the parameters back to their starting values.
/// </summary>
internal static class EngineWorkloads
{
    /// <summary>W1: the dose-response net sample by sample on scalar tensors, summed loss, one gradient, one SGD step.</summary>
    public static Func<Dictionary<string, double>> Dose(Execution execution)
    {
        var w00 = Tensor.Scalar(1.70f); var b00 = Tensor.Scalar(-0.85f); var w01 = Tensor.Scalar(-40.8f);
        var w10 = Tensor.Scalar(12.6f); var b10 = Tensor.Scalar(0.0f); var w11 = Tensor.Scalar(2.70f);
        var bias = Tensor.Scalar(0f).RequireGrad();
        var inputs = new[] { Tensor.Scalar(0f), Tensor.Scalar(0.5f), Tensor.Scalar(1f) };
        var targets = new[] { Tensor.Scalar(0f), Tensor.Scalar(1f), Tensor.Scalar(0f) };
        var step = GradientStep<float>.Create(execution, [bias], _ =>
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
            return total!;
        }, returnsLoss: false);
        var optimizer = new Sgd<float>([bias], learningRate: 0.1);
        return () =>
        {
            bias.AsSpan()[0] = 0f;
            for (int epoch = 0; epoch < 100; epoch++)
            {
                step.Run();
                optimizer.Step();
            }
            return new() { ["bias"] = bias.Item() };
        };
    }

    /// <summary>W2: Linear(1,1) from w = 0.5, b = 0, full-batch MSE on 100 integers, SGD lr 0.01, 500 epochs.</summary>
    public static Func<Dictionary<string, double>> CopyMse(Execution execution)
    {
        var x = Tensor.FromArray(Inputs.CopyIntegers(), 100, 1);
        var model = new Linear<float>(1, 1, random: new Random(0));
        var step = GradientStep<float>.Create(execution, model.Parameters().ToList(), a => Losses.Mse(model.Forward(a[0]), a[0]), [x]);
        var optimizer = new Sgd<float>(step.Parameters, learningRate: 0.01);
        return () =>
        {
            ResetCopyModel(model);
            float loss = 0;
            for (int epoch = 0; epoch < 500; epoch++)
            {
                loss = step.Run(x)!.Item();
                optimizer.Step();
            }
            return new() { ["weight"] = model.Weight.Item(), ["bias"] = model.Bias!.Item(), ["loss"] = loss };
        };
    }

    /// <summary>W3: Linear(1,1), 25,000 single-sample steps of the reward/penalty objective, SGD lr 0.01.</summary>
    public static Func<Dictionary<string, double>> CopyReward(Execution execution)
    {
        float[] xs = Inputs.CopyUniform();
        var model = new Linear<float>(1, 1, random: new Random(0));
        var input = Tensor.Zeros<float>(1, 1);
        var step = GradientStep<float>.Create(execution, model.Parameters().ToList(), a =>
        {
            var x = a[0];
            var error = (model.Forward(x) - x).Abs();
            var penalty = error.Greater(0.01f) * error * 1.333f;
            return ((error / -100f).Exp().Neg() + penalty).Mean();
        }, [input], returnsLoss: false);
        var optimizer = new Sgd<float>(step.Parameters, learningRate: 0.01);
        return () =>
        {
            ResetCopyModel(model);
            var span = input.AsSpan();
            for (int s = 0; s < xs.Length; s++)
            {
                span[0] = xs[s];
                step.Run(input);
                optimizer.Step();
            }
            return new() { ["weight"] = model.Weight.Item(), ["bias"] = model.Bias!.Item() };
        };
    }

    private static void ResetCopyModel(Linear<float> model)
    {
        model.SetWeight(new float[,] { { 0.5f } });
        model.SetBias([0f]);
    }

    /// <summary>W4: MLP 1-64-64-1 (tanh) on sin over 256 points, GD lr 0.05, 1,000 steps; every 10 steps 20 power iterations of exact HVPs.</summary>
    public static Func<Dictionary<string, double>> Fit1D<T>(Execution execution) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Inputs.SinePoints<T>(256);
        var model = Inputs.XavierMlp<T>([64, 64], seed: 0);
        var step = GradientStep<T>.Create(execution, model.Parameters().ToList(), _ => Losses.Mse(model.Forward(x), y));
        var initial = step.Parameters.Select(p => p.ToArray()).ToList();
        var optimizer = new GradientDescent<T>(step.Parameters, learningRate: 0.05);
        return () =>
        {
            Restore(step.Parameters, initial);
            double first = double.NaN, loss = double.NaN, sharpness = double.NaN;
            Tensor<T>? eigenvector = null;
            for (int s = 0; s < 1000; s++)
            {
                if (s % 10 == 0)
                {
                    var top = Hessian.PowerIteration(step.Hessian(), eigenvector, maxIterations: 20, tolerance: 0);
                    sharpness = double.CreateTruncating(top.Eigenvalue);
                    eigenvector = top.Eigenvector;
                }
                loss = double.CreateTruncating(step.Run()!.Item());
                optimizer.Step();
                if (s == 0)
                    first = loss;
            }
            return new() { ["loss"] = loss, ["initial_loss"] = first, ["sharpness"] = sharpness };
        };
    }

    /// <summary>W6: MLP 1-256-256-256-1 (tanh), 4,096 points, 200 full-batch SGD steps, lr 0.01.</summary>
    public static Func<Dictionary<string, double>> Throughput<T>(Execution execution) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Inputs.SinePoints<T>(4096);
        var model = Inputs.XavierMlp<T>([256, 256, 256], seed: 0);
        var step = GradientStep<T>.Create(execution, model.Parameters().ToList(), _ => Losses.Mse(model.Forward(x), y));
        var initial = step.Parameters.Select(p => p.ToArray()).ToList();
        var optimizer = new Sgd<T>(step.Parameters, learningRate: 0.01);
        return () =>
        {
            Restore(step.Parameters, initial);
            double first = double.NaN, loss = double.NaN;
            for (int s = 0; s < 200; s++)
            {
                loss = double.CreateTruncating(step.Run()!.Item());
                optimizer.Step();
                if (s == 0)
                    first = loss;
            }
            return new() { ["loss"] = loss, ["initial_loss"] = first };
        };
    }

    private static void Restore<T>(IReadOnlyList<Tensor<T>> parameters, List<T[]> values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < parameters.Count; p++)
            values[p].CopyTo(parameters[p].AsSpan());
    }

    /// <summary>W5: the LIF fit through the neuron experiment's own fitter (the problem is built once, outside the timer).</summary>
    public static Func<Dictionary<string, double>> LifFit(GradientSource source)
    {
        var problem = NeuronExperiment.BenchmarkProblem();
        var settings = NeuronExperiment.BenchmarkSettings with { Gradient = source };
        return () =>
        {
            var result = NeuronFitter.Fit(problem, NeuronExperiment.BenchmarkStart, settings);
            return new() { ["tau"] = result.Final.Tau, ["v_threshold"] = result.Final.VThreshold, ["loss"] = result.FinalLoss };
        };
    }

    /// <summary>
    /// W5 by the surrogate gradient as one compiled step: the 1,000 Euler steps as a scan (its body compiled once), the
    /// voltage MSE and its gradient with respect to tau and v_threshold (the reverse scan); momentum SGD reads the
    /// plan's gradients.
    /// </summary>
    public static Func<Dictionary<string, double>> CompiledLifFit()
    {
        var problem = NeuronExperiment.BenchmarkProblem();
        var start = NeuronExperiment.BenchmarkStart;
        var grid = problem.Target.Grid;
        var target = Tensor.FromArray(problem.Target.Trace);
        var current = Tensor.FromArray(problem.Target.CurrentSamples[..grid.Steps]);
        var neuron = LifParameterTensors.From(start, ["tau", "v_threshold"]);
        var step = GradientStep<double>.Create(Execution.Compiled, [neuron.Tau, neuron.VThreshold], _ =>
        {
            var (voltage, _) = DifferentiableLif.SimulateTensors(neuron, grid, current, problem.Target.Config.Initial);
            return (voltage - target).Square().Mean();
        });
        return () =>
        {
            neuron.Tau.AsSpan()[0] = start.Tau;
            neuron.VThreshold.AsSpan()[0] = start.VThreshold;
            var optimizer = new Sgd<double>(step.Parameters, learningRate: 2, momentum: 0.9);
            for (int iteration = 0; iteration < 200; iteration++)
            {
                step.Run();
                optimizer.Step();
            }
            double loss = step.Run()!.Item();
            return new() { ["tau"] = neuron.Tau.Item(), ["v_threshold"] = neuron.VThreshold.Item(), ["loss"] = loss };
        };
    }
}
