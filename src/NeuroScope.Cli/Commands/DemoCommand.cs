using System.CommandLine;
using System.Globalization;

namespace NeuroScope.Cli.Commands;

/// <summary><c>neuroscope demo</c>: a small MLP written with the engine learns sin(x) on [−π, π], printing its loss.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var steps = new Option<int>("--steps") { Description = "Full-batch gradient-descent steps (1..1000000).", DefaultValueFactory = _ => 2000 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Step size, > 0.", DefaultValueFactory = _ => 0.05 };
        var hidden = new Option<int>("--hidden") { Description = "Width of each of the two hidden layers (1..4096).", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "Seed for the initial weights.", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Train a small MLP on sin(x) with the engine and print the loss as it falls.\n\nExamples:\n  neuroscope demo\n  neuroscope demo --steps 500 --learning-rate 0.1 --hidden 16")
        {
            steps, learningRate, hidden, seed,
        };
        command.SetAction(parse =>
        {
            int stepCount = parse.GetValue(steps), width = parse.GetValue(hidden);
            double lr = parse.GetValue(learningRate);
            if (stepCount is < 1 or > 1_000_000) throw new UsageException($"--steps must be between 1 and 1000000, got {stepCount}.");
            if (!(lr > 0) || !double.IsFinite(lr)) throw new UsageException($"--learning-rate must be a positive number, got {lr.ToString(CultureInfo.InvariantCulture)}.");
            if (width is < 1 or > 4096) throw new UsageException($"--hidden must be between 1 and 4096, got {width}.");
            return Run(output, error, stepCount, lr, width, parse.GetValue(seed));
        });
        return command;
    }

    private static int Run(TextWriter output, TextWriter error, int steps, double learningRate, int width, int seed)
    {
        var random = new Random(seed);
        var x = Tensor.Linspace(-MathF.PI, MathF.PI, 128).Reshape(-1, 1);
        var y = x.Sin();
        // Two hidden tanh layers, PyTorch's default initialization U(−1/√fan_in, 1/√fan_in).
        Tensor<float> Layer(int fanIn, int fanOut) =>
            Tensor.Uniform([fanOut, fanIn], -1f / MathF.Sqrt(fanIn), 1f / MathF.Sqrt(fanIn), random).RequireGrad();
        Tensor<float> Bias(int fanIn, int fanOut) =>
            Tensor.Uniform([fanOut], -1f / MathF.Sqrt(fanIn), 1f / MathF.Sqrt(fanIn), random).RequireGrad();
        Tensor<float>[] parameters = [Layer(1, width), Bias(1, width), Layer(width, width), Bias(width, width), Layer(width, 1), Bias(width, 1)];

        output.WriteLine($"An MLP 1-{width}-{width}-1 (tanh) learns sin(x) on [-pi, pi] from 128 points: full-batch gradient descent, lr {learningRate.ToString(CultureInfo.InvariantCulture)}.");
        float lr = (float)learningRate, loss = float.NaN;
        int reportEvery = Math.Max(1, steps / 10);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int step = 1; step <= steps; step++)
        {
            var h = x.MatMul(parameters[0], transposeOther: true).Add(parameters[1]).Tanh();
            h = h.MatMul(parameters[2], transposeOther: true).Add(parameters[3]).Tanh();
            var prediction = h.MatMul(parameters[4], transposeOther: true).Add(parameters[5]);
            var mse = (prediction - y).Square().Mean();
            mse.Backward();
            loss = mse.Item();
            if (!float.IsFinite(loss))
            {
                error.WriteLine($"The loss became {loss} at step {step}: the learning rate is too large for this network. Try a smaller --learning-rate.");
                return CliApp.RunFailed;
            }
            foreach (var p in parameters)
            {
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(p.Grad!.AsSpan(), -lr, p.AsSpan(), p.AsSpan());
                p.ZeroGrad();
            }
            if (step == 1 || step % reportEvery == 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step {step,7}  loss {loss:0.0000E+00}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Done: final MSE {loss:0.0000E+00} after {steps} steps in {watch.Elapsed.TotalSeconds:F2} s."));
        return CliApp.Success;
    }
}
