using System.Numerics;
using NeuroScope.Compile;
using NeuroScope.Diagnostics;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Bench;

/// <summary>
/// The workloads as compiled steps (NeuroScope.Compile): each step is traced and planned once, outside the timer, and
/// every timed run resets the parameters and replays it. The optimizer is the same as the dynamic version's and reads
/// the plan's gradient outputs as its <c>Grad</c>.
/// </summary>
internal static class CompiledWorkloads
{
    /// <summary>W1: one compiled epoch (three samples, summed loss, its gradient), then the SGD step.</summary>
    public static Func<Dictionary<string, double>> Dose()
    {
        var w00 = Tensor.Scalar(1.70f); var b00 = Tensor.Scalar(-0.85f); var w01 = Tensor.Scalar(-40.8f);
        var w10 = Tensor.Scalar(12.6f); var b10 = Tensor.Scalar(0.0f); var w11 = Tensor.Scalar(2.70f);
        var bias = Tensor.Scalar(0f).RequireGrad();
        var inputs = new[] { Tensor.Scalar(0f), Tensor.Scalar(0.5f), Tensor.Scalar(1f) };
        var targets = new[] { Tensor.Scalar(0f), Tensor.Scalar(1f), Tensor.Scalar(0f) };
        var step = Compiler.Compile<float>(_ =>
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
            return [Autograd.Grad(total!, bias)];
        });
        step.Run();
        var optimizer = new Sgd<float>([bias], learningRate: 0.1);
        return () =>
        {
            bias.AsSpan()[0] = 0f;
            for (int epoch = 0; epoch < 100; epoch++)
            {
                bias.Grad = step.Run()[0];
                optimizer.Step();
            }
            return new() { ["bias"] = bias.Item() };
        };
    }

    /// <summary>W2: Linear(1,1), full-batch MSE on 100 integers; the loss and gradients are one compiled step.</summary>
    public static Func<Dictionary<string, double>> CopyMse()
    {
        var x = Tensor.FromArray(Inputs.CopyIntegers(), 100, 1);
        var model = new Linear<float>(1, 1, random: new Random(0));
        var parameters = model.Parameters().ToList();
        var step = Compiler.Compile<float>(a =>
        {
            var l = Losses.Mse(model.Forward(a[0]), a[0]);
            return [l, .. Autograd.Grad([l], parameters)];
        });
        step.Run(x);
        var optimizer = new Sgd<float>(parameters, learningRate: 0.01);
        return () =>
        {
            ResetCopyModel(model);
            float loss = 0;
            for (int epoch = 0; epoch < 500; epoch++)
            {
                var outputs = step.Run(x);
                UseAsGradients(parameters, outputs, 1);
                optimizer.Step();
                loss = outputs[0].Item();
            }
            return new() { ["weight"] = model.Weight.Item(), ["bias"] = model.Bias!.Item(), ["loss"] = loss };
        };
    }

    /// <summary>W3: Linear(1,1), 25,000 single-sample steps of the reward/penalty objective, one compiled step each.</summary>
    public static Func<Dictionary<string, double>> CopyReward()
    {
        float[] xs = Inputs.CopyUniform();
        var model = new Linear<float>(1, 1, random: new Random(0));
        var parameters = model.Parameters().ToList();
        var step = Compiler.Compile<float>(a =>
        {
            var x = a[0];
            var error = (model.Forward(x) - x).Abs();
            var penalty = error.Greater(0.01f) * error * 1.333f;
            var loss = ((error / -100f).Exp().Neg() + penalty).Mean();
            return Autograd.Grad([loss], parameters);
        });
        var input = Tensor.Zeros<float>(1, 1);
        step.Run(input);
        var optimizer = new Sgd<float>(parameters, learningRate: 0.01);
        return () =>
        {
            ResetCopyModel(model);
            var span = input.AsSpan();
            for (int s = 0; s < xs.Length; s++)
            {
                span[0] = xs[s];
                UseAsGradients(parameters, step.Run(input), 0);
                optimizer.Step();
            }
            return new() { ["weight"] = model.Weight.Item(), ["bias"] = model.Bias!.Item() };
        };
    }

    /// <summary>W4: the compiled training step, and every 10 steps 20 power iterations on a compiled Hessian-vector product.</summary>
    public static Func<Dictionary<string, double>> Fit1D<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Tensor.Linspace(-T.Pi, T.Pi, 256).Reshape(-1, 1);
        var y = x.Sin();
        var model = EngineWorkloads.XavierMlp<T>([64, 64], seed: 0);
        var parameters = model.Parameters().ToList();
        var initial = parameters.Select(p => p.ToArray()).ToList();
        Tensor<T> Loss() => Losses.Mse(model.Forward(x), y);
        var step = Compiler.Compile<T>(_ =>
        {
            var l = Loss();
            return [l, .. Autograd.Grad([l], parameters)];
        });
        step.Run();
        var hessian = new CompiledHessian<T>(Loss, parameters);
        hessian.At().Multiply(Tensor.Zeros<T>(hessian.Dimension));
        var optimizer = new GradientDescent<T>(parameters, learningRate: 0.05);
        return () =>
        {
            for (int p = 0; p < parameters.Count; p++)
                initial[p].CopyTo(parameters[p].AsSpan());
            double first = double.NaN, loss = double.NaN, sharpness = double.NaN;
            Tensor<T>? eigenvector = null;
            for (int s = 0; s < 1000; s++)
            {
                if (s % 10 == 0)
                {
                    var top = Hessian.PowerIteration(hessian.At(), eigenvector, maxIterations: 20, tolerance: 0);
                    sharpness = double.CreateTruncating(top.Eigenvalue);
                    eigenvector = top.Eigenvector;
                }
                var outputs = step.Run();
                UseAsGradients(parameters, outputs, 1);
                optimizer.Step();
                loss = double.CreateTruncating(outputs[0].Item());
                if (s == 0)
                    first = loss;
            }
            return new() { ["loss"] = loss, ["initial_loss"] = first, ["sharpness"] = sharpness };
        };
    }

    /// <summary>W6: MLP 1-256-256-256-1 (tanh), 4,096 points, 200 compiled full-batch steps with SGD.</summary>
    public static Func<Dictionary<string, double>> Throughput<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Tensor.Linspace(-T.Pi, T.Pi, 4096).Reshape(-1, 1);
        var y = x.Sin();
        var model = EngineWorkloads.XavierMlp<T>([256, 256, 256], seed: 0);
        var parameters = model.Parameters().ToList();
        var initial = parameters.Select(p => p.ToArray()).ToList();
        var step = Compiler.Compile<T>(_ =>
        {
            var l = Losses.Mse(model.Forward(x), y);
            return [l, .. Autograd.Grad([l], parameters)];
        });
        step.Run();
        var optimizer = new Sgd<T>(parameters, learningRate: 0.01);
        return () =>
        {
            for (int p = 0; p < parameters.Count; p++)
                initial[p].CopyTo(parameters[p].AsSpan());
            double first = double.NaN, loss = double.NaN;
            for (int s = 0; s < 200; s++)
            {
                var outputs = step.Run();
                UseAsGradients(parameters, outputs, 1);
                optimizer.Step();
                loss = double.CreateTruncating(outputs[0].Item());
                if (s == 0)
                    first = loss;
            }
            return new() { ["loss"] = loss, ["initial_loss"] = first };
        };
    }

    /// <summary>
    /// W5 by the surrogate gradient: one compiled step simulates the 1,000 Euler steps as a scan (its body compiled
    /// once), takes the voltage MSE and its gradient with respect to tau and v_threshold (the gradient is the reverse
    /// scan); momentum SGD reads the plan's gradients.
    /// </summary>
    public static Func<Dictionary<string, double>> LifFit()
    {
        var problem = NeuroScope.Experiments.Neuron.NeuronExperiment.BenchmarkProblem();
        var start = NeuroScope.Experiments.Neuron.NeuronExperiment.BenchmarkStart;
        var grid = problem.Target.Grid;
        var target = Tensor.FromArray(problem.Target.Trace);
        var current = Tensor.FromArray(problem.Target.CurrentSamples[..grid.Steps]);
        var neuron = NeuroScope.Experiments.Neuron.LifParameterTensors.From(start, ["tau", "v_threshold"]);
        Tensor<double>[] fitted = [neuron.Tau, neuron.VThreshold];
        var step = Compiler.Compile<double>(_ =>
        {
            var (voltage, _) = NeuroScope.Experiments.Neuron.DifferentiableLif.SimulateTensors(neuron, grid, current, problem.Target.Config.Initial);
            var loss = (voltage - target).Square().Mean();
            return [loss, .. Autograd.Grad([loss], fitted)];
        });
        step.Run();
        return () =>
        {
            neuron.Tau.AsSpan()[0] = start.Tau;
            neuron.VThreshold.AsSpan()[0] = start.VThreshold;
            var optimizer = new Sgd<double>(fitted, learningRate: 2, momentum: 0.9);
            double loss = double.NaN;
            for (int iteration = 0; iteration < 200; iteration++)
            {
                var outputs = step.Run();
                UseAsGradients([.. fitted], outputs, 1);
                optimizer.Step();
            }
            loss = step.Run()[0].Item();
            return new() { ["tau"] = neuron.Tau.Item(), ["v_threshold"] = neuron.VThreshold.Item(), ["loss"] = loss };
        };
    }

    // The plan's gradient outputs become the parameters' Grad: the optimizer reads them in place, no copy.
    private static void UseAsGradients<T>(List<Tensor<T>> parameters, IReadOnlyList<Tensor<T>> outputs, int first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < parameters.Count; p++)
            parameters[p].Grad = outputs[first + p];
    }

    private static void ResetCopyModel(Linear<float> model)
    {
        model.SetWeight(new float[,] { { 0.5f } });
        model.SetBias([0f]);
    }
}
