using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;
using Functional = TorchSharp.torch.nn.functional;

namespace NeuroScope.Bench.Torch;

// Inside NeuroScope.*, a plain "Tensor" would be the engine's static Tensor class.
using Tensor = TorchSharp.torch.Tensor;

/// <summary>
/// The workloads of WORKLOADS.md written against libtorch through TorchSharp, as a TorchSharp user would write them:
/// parameters and inputs are libtorch tensors, gradients come from <c>backward</c> or <c>torch.autograd.grad</c>, the
/// optimizers are <c>torch.optim.SGD</c>, and each step's temporaries are freed by a dispose scope. Inputs and initial
/// weights are the engine's own seeded draws, copied in, so the check values match the NeuroScope side's. As there,
/// the set-up is built once, outside the timer, and every run puts the parameters back to their starting values.
/// </summary>
internal static class TorchWorkloads
{
    public const string Engine = "libtorch";

    public static IEnumerable<Workload> For(string id, BenchOptions options)
    {
        bool float64 = options.DType == "float64";
        switch (id)
        {
            case "W1":
                yield return new("W1", "dose", Engine, 100, Dose(), Checks.Dose);
                break;
            case "W2":
                yield return new("W2", "copy-mse", Engine, 500, CopyMse(), Checks.Copy);
                break;
            case "W3":
                yield return new("W3", "copy-reward", Engine, 25_000, CopyReward(), Checks.Copy);
                break;
            case "W4":
                yield return new("W4", "fit-1d", Engine, 1000, float64 ? Fit1D<double>() : Fit1D<float>(), Checks.Falling);
                break;
            case "W5":
                yield return new("W5", "lif-fit", Engine, LifInDoubles.Iterations, LifFitInTensors(), Checks.Lif);
                yield return new("W5", "lif-fit (simulation in plain doubles)", Engine + "-doubles", LifInDoubles.Iterations, LifFitInDoubles(), Checks.Lif);
                break;
            case "W6":
                yield return new("W6", "mlp-throughput", Engine, 200, float64 ? Throughput<double>() : Throughput<float>(), Checks.Falling);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "W1..W6");
        }
    }

    /// <summary>W1: the dose-response net sample by sample on 0-d tensors, summed loss, one backward, one SGD step.</summary>
    private static Func<Dictionary<string, double>> Dose()
    {
        var w00 = tensor(1.70f); var b00 = tensor(-0.85f); var w01 = tensor(-40.8f);
        var w10 = tensor(12.6f); var b10 = tensor(0.0f); var w11 = tensor(2.70f);
        var bias = nn.Parameter(tensor(0f));
        Tensor[] inputs = [tensor(0f), tensor(0.5f), tensor(1f)];
        Tensor[] targets = [tensor(0f), tensor(1f), tensor(0f)];
        var optimizer = optim.SGD([bias], 0.1);
        return () =>
        {
            Reset(bias, 0f);
            for (int epoch = 0; epoch < 100; epoch++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                Tensor? total = null;
                for (int i = 0; i < 3; i++)
                {
                    var top = (inputs[i] * w00 + b00).relu() * w01;
                    var bottom = (inputs[i] * w10 + b10).relu() * w11;
                    var output = (top + bottom + bias).relu();
                    var loss = (output - targets[i]).square();
                    total = total is null ? loss : total + loss;
                }
                total!.backward();
                optimizer.step();
            }
            return new() { ["bias"] = bias.item<float>() };
        };
    }

    /// <summary>W2: Linear(1,1) from w = 0.5, b = 0, full-batch MSE on 100 integers, SGD lr 0.01, 500 epochs.</summary>
    private static Func<Dictionary<string, double>> CopyMse()
    {
        var x = tensor(Inputs.CopyIntegers(), [100, 1]);
        var weight = nn.Parameter(zeros(1, 1));
        var bias = nn.Parameter(zeros(1));
        var optimizer = optim.SGD([weight, bias], 0.01);
        return () =>
        {
            Reset(weight, 0.5f);
            Reset(bias, 0f);
            float loss = 0;
            for (int epoch = 0; epoch < 500; epoch++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var l = Functional.mse_loss(Functional.linear(x, weight, bias), x);
                l.backward();
                optimizer.step();
                loss = l.item<float>();
            }
            return new() { ["weight"] = weight.item<float>(), ["bias"] = bias.item<float>(), ["loss"] = loss };
        };
    }

    /// <summary>W3: Linear(1,1), 25,000 single-sample steps of the reward/penalty objective, SGD lr 0.01.</summary>
    private static Func<Dictionary<string, double>> CopyReward()
    {
        float[] xs = Inputs.CopyUniform();
        var weight = nn.Parameter(zeros(1, 1));
        var bias = nn.Parameter(zeros(1));
        var input = zeros(1, 1);
        var optimizer = optim.SGD([weight, bias], 0.01);
        return () =>
        {
            Reset(weight, 0.5f);
            Reset(bias, 0f);
            for (int s = 0; s < xs.Length; s++)
            {
                using var scope = NewDisposeScope();
                input.fill_(xs[s]);
                optimizer.zero_grad();
                var error = (Functional.linear(input, weight, bias) - input).abs();
                var penalty = error.gt(0.01f).to_type(ScalarType.Float32) * error * 1.333f;
                var loss = ((error / -100f).exp().neg() + penalty).mean();
                loss.backward();
                optimizer.step();
            }
            return new() { ["weight"] = weight.item<float>(), ["bias"] = bias.item<float>() };
        };
    }

    /// <summary>
    /// W4: MLP 1-64-64-1 (tanh) on sin over 256 points, GD lr 0.05, 1,000 steps; every 10 steps 20 power iterations of
    /// exact Hessian-vector products: the gradient taken once with <c>create_graph</c>, each product one more
    /// <c>torch.autograd.grad</c> through it.
    /// </summary>
    private static Func<Dictionary<string, double>> Fit1D<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (xs, ys) = Inputs.SinePoints<T>(256);
        var x = ToTorch(xs);
        var y = ToTorch(ys);
        var model = new TorchMlp<T>(Inputs.XavierMlp<T>([64, 64], seed: 0));
        var optimizer = optim.SGD(model.Parameters, 0.05);
        var start = ToTorch<T>(Inputs.PowerIterationStart(model.Dimension), [model.Dimension]);
        Tensor Loss() => Functional.mse_loss(model.Forward(x), y);
        return () =>
        {
            model.Reset();
            double first = double.NaN, loss = double.NaN, sharpness = double.NaN;
            var eigenvector = start.clone();
            for (int s = 0; s < 1000; s++)
            {
                if (s % 10 == 0)
                {
                    var (value, vector) = TopEigenvalue(Loss, model.Tensors, eigenvector, iterations: 20);
                    eigenvector.Dispose();
                    (sharpness, eigenvector) = (value, vector);
                }
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var l = Loss();
                l.backward();
                optimizer.step();
                loss = l.ToDouble();
                if (s == 0)
                    first = loss;
            }
            eigenvector.Dispose();
            return new() { ["loss"] = loss, ["initial_loss"] = first, ["sharpness"] = sharpness };
        };
    }

    // Power iteration on exact Hessian-vector products, as the engine's Hessian.PowerIteration does it (tolerance 0:
    // every iteration runs): λ = v·Hv, v ← Hv/|Hv|, starting from the normalized warm start.
    private static (double Value, Tensor Vector) TopEigenvalue(Func<Tensor> loss, IList<Tensor> parameters, Tensor start, int iterations)
    {
        using var scope = NewDisposeScope();
        // retain_graph as PyTorch defaults it with create_graph: the products run back through this graph too.
        var gradients = autograd.grad([loss()], parameters, retain_graph: true, create_graph: true);
        var flat = cat(gradients.Select(g => g.reshape(-1)).ToList(), 0);
        var v = start / start.norm();
        double value = double.NaN;
        for (int i = 0; i < iterations; i++)
        {
            var product = cat(autograd.grad([(flat * v).sum()], parameters, retain_graph: true).Select(g => g.reshape(-1)).ToList(), 0);
            value = v.dot(product).ToDouble();
            v = product / product.norm();
        }
        return (value, v.detach().MoveToOuterDisposeScope());
    }

    /// <summary>W6: MLP 1-256-256-256-1 (tanh), 4,096 points, 200 full-batch SGD steps, lr 0.01.</summary>
    private static Func<Dictionary<string, double>> Throughput<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (xs, ys) = Inputs.SinePoints<T>(4096);
        var x = ToTorch(xs);
        var y = ToTorch(ys);
        var model = new TorchMlp<T>(Inputs.XavierMlp<T>([256, 256, 256], seed: 0));
        var optimizer = optim.SGD(model.Parameters, 0.01);
        return () =>
        {
            model.Reset();
            double first = double.NaN, loss = double.NaN;
            for (int s = 0; s < 200; s++)
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                var l = Functional.mse_loss(model.Forward(x), y);
                l.backward();
                optimizer.step();
                loss = l.ToDouble();
                if (s == 0)
                    first = loss;
            }
            return new() { ["loss"] = loss, ["initial_loss"] = first };
        };
    }

    /// <summary>
    /// W5 with the simulation in libtorch tensor ops: tau and v_threshold are a parameter tensor updated by
    /// <c>torch.optim.SGD</c> with momentum; each iteration simulates the four central-difference probes (tau ± h,
    /// v_threshold ± h) at once, as a 4-wide batch of 1,000 Euler steps, under no_grad.
    /// </summary>
    private static Func<Dictionary<string, double>> LifFitInTensors()
    {
        var target = new LifInDoubles().Target.ToArray();
        var parameters = nn.Parameter(zeros(2, dtype: ScalarType.Float64));
        var optimizer = optim.SGD([parameters], LifInDoubles.LearningRate, momentum: LifInDoubles.Momentum);
        var probes = tensor(new double[] { 1, -1, 0, 0, 0, 0, 1, -1 }, [2, 4]) * LifInDoubles.H;

        // The voltage MSE against the target of each column's (tau, v_threshold).
        Tensor Losses(Tensor tau, Tensor threshold)
        {
            var v = full_like(tau, LifInDoubles.VRest);
            var sum = zeros_like(tau);
            for (int i = 0; i < LifInDoubles.Steps; i++)
            {
                v = v + LifInDoubles.Dt * (-(v - LifInDoubles.VRest) + LifInDoubles.Current) / tau;
                v = v.masked_fill(v.ge(threshold), LifInDoubles.VReset);
                var d = v - target[i];
                sum = sum + d * d;
            }
            return sum / LifInDoubles.Steps;
        }

        return () =>
        {
            ResetLif(parameters);
            using (no_grad())
            {
                for (int iteration = 0; iteration < LifInDoubles.Iterations; iteration++)
                {
                    using var scope = NewDisposeScope();
                    var at = parameters.unsqueeze(1) + probes;
                    var losses = Losses(at[0], at[1]);
                    var gradient = stack([losses[0] - losses[1], losses[2] - losses[3]]) / (2 * LifInDoubles.H);
                    optimizer.zero_grad();
                    parameters.grad = gradient;
                    optimizer.step();
                }
            }
            using var final = NewDisposeScope();
            double loss;
            using (no_grad())
                loss = Losses(parameters[0].unsqueeze(0), parameters[1].unsqueeze(0)).ToDouble();
            return new() { ["tau"] = parameters[0].ToDouble(), ["v_threshold"] = parameters[1].ToDouble(), ["loss"] = loss };
        };
    }

    /// <summary>
    /// W5 with the simulation in plain doubles (<see cref="LifInDoubles"/>, as the hand-written loop), and the parameters
    /// and their momentum SGD in libtorch: what libtorch costs where the model is not tensor work.
    /// </summary>
    private static Func<Dictionary<string, double>> LifFitInDoubles()
    {
        var lif = new LifInDoubles();
        var parameters = nn.Parameter(zeros(2, dtype: ScalarType.Float64));
        var optimizer = optim.SGD([parameters], LifInDoubles.LearningRate, momentum: LifInDoubles.Momentum);
        return () =>
        {
            ResetLif(parameters);
            for (int iteration = 0; iteration < LifInDoubles.Iterations; iteration++)
            {
                using var scope = NewDisposeScope();
                var values = parameters.data<double>();
                var g = lif.Gradient(values[0], values[1]);
                optimizer.zero_grad();
                parameters.grad = tensor(new[] { g.Tau, g.Threshold });
                optimizer.step();
            }
            var final = parameters.data<double>();
            return new() { ["tau"] = final[0], ["v_threshold"] = final[1], ["loss"] = lif.Loss(final[0], final[1]) };
        };
    }

    private static void ResetLif(Tensor parameters)
    {
        using (no_grad())
            parameters.copy_(tensor(new[] { LifInDoubles.StartTau, LifInDoubles.StartThreshold }));
    }

    private static void Reset(Tensor parameter, float value)
    {
        using (no_grad())
            parameter.fill_(value);
    }

    internal static Tensor ToTorch<T>(Tensor<T> values) where T : unmanaged, IFloatingPointIeee754<T> =>
        ToTorch<T>(values.ToArray().Select(double.CreateTruncating).ToArray(), values.Shape.ToArray().Select(d => (long)d).ToArray());

    // Through doubles, which hold every float exactly, then to the workload's type.
    internal static Tensor ToTorch<T>(double[] values, long[] dims) where T : unmanaged, IFloatingPointIeee754<T> =>
        tensor(values, dims).to_type(typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64);
}

/// <summary>An MLP with tanh hidden layers as libtorch parameters, starting from a NeuroScope model's weights.</summary>
internal sealed class TorchMlp<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor[] _initial;

    public TorchMlp(NeuroScope.Nn.Mlp<T> model)
    {
        var parameters = new List<TorchSharp.Modules.Parameter>();
        foreach (var layer in model.Layers)
        {
            parameters.Add(nn.Parameter(TorchWorkloads.ToTorch(layer.Weight)));
            parameters.Add(nn.Parameter(TorchWorkloads.ToTorch(layer.Bias!)));
        }
        Parameters = parameters;
        Tensors = [.. parameters];
        _initial = parameters.Select(p => p.detach().clone()).ToArray();
        Dimension = (int)parameters.Sum(p => p.numel());
    }

    /// <summary>Weight and bias of each layer, in order.</summary>
    public IReadOnlyList<TorchSharp.Modules.Parameter> Parameters { get; }

    /// <summary>The same parameters as tensors, as <c>torch.autograd.grad</c> takes them.</summary>
    public IList<Tensor> Tensors { get; }

    /// <summary>The number of parameter elements.</summary>
    public int Dimension { get; }

    public Tensor Forward(Tensor x)
    {
        var h = x;
        for (int i = 0; i < Parameters.Count; i += 2)
        {
            h = Functional.linear(h, Parameters[i], Parameters[i + 1]);
            if (i + 2 < Parameters.Count)
                h = h.tanh();
        }
        return h;
    }

    /// <summary>Puts the parameters back to their starting values.</summary>
    public void Reset()
    {
        using (no_grad())
        {
            for (int i = 0; i < Parameters.Count; i++)
                Parameters[i].copy_(_initial[i]);
        }
    }
}
