using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using NeuroScope.Compile;
using NeuroScope.Data;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Copy;

/// <summary>
/// The copy experiment: a one-neuron linear model y = w·x + b learns the identity three ways — full-batch MSE with SGD,
/// a reward-and-penalty objective one sample at a time, and two plain doubles with hand-derived gradients — and
/// reports for each the time, the learned w and b, the loss and the outputs for the probe inputs in float32 and float64.
/// </summary>
public static class CopyNumber
{
    /// <summary>The MSE way logs its loss every this many epochs.</summary>
    public const int MseLogEvery = 10;

    /// <summary>The reward and framework-free ways log a line every this many epochs.</summary>
    public const int RewardLogEvery = 1000;

    /// <summary>The sweep's (epochs, learning rate) settings of the MSE way.</summary>
    public static IReadOnlyList<(int Epochs, double LearningRate)> SweepSettings { get; } =
        [(10, 0.01), (50, 0.01), (250, 0.01), (500, 0.01), (500, 0.001), (5000, 0.001)];

    /// <summary>Trains the ways <paramref name="config"/> selects (and the sweep when asked for), seeded, and returns their results.</summary>
    /// <exception cref="ConfigException">A setting is not allowed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CopyResult Run(CopyConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        bool single = config.Dtype == CopyDtype.Float32;
        CopyWayResult? mse = null, reward = null, pure = null;
        if (config.Includes(CopyWay.Mse))
            mse = single
                ? TrainMse<float>(config, config.MseEpochs, config.LearningRate, "mse", true, progress, cancellationToken)
                : TrainMse<double>(config, config.MseEpochs, config.LearningRate, "mse", true, progress, cancellationToken);
        if (config.Includes(CopyWay.Reward))
            reward = single
                ? TrainReward<float>(config, progress, cancellationToken)
                : TrainReward<double>(config, progress, cancellationToken);
        if (config.Includes(CopyWay.Pure))
            pure = TrainPure(config, progress, cancellationToken);

        var sweep = new List<CopyWayResult>();
        if (config.Sweep)
        {
            foreach (var (epochs, learningRate) in SweepSettings)
            {
                string stage = string.Create(CultureInfo.InvariantCulture, $"sweep {epochs} epochs, lr {learningRate}");
                sweep.Add(single
                    ? TrainMse<float>(config, epochs, learningRate, stage, false, progress, cancellationToken)
                    : TrainMse<double>(config, epochs, learningRate, stage, false, progress, cancellationToken));
            }
        }
        return new CopyResult(config, mse, reward, pure, sweep);
    }

    /// <summary>
    /// The reward-and-penalty loss, mean over the batch of penalty − reward with e = |y − x|, reward = m·exp(−e/s)
    /// (or m·(1 − e)) and penalty = f·e where e &gt; t, else 0; its gradient in y is
    /// sign(y − x)·(m·exp(−e/s)/s + f·[e &gt; t]) (or sign(y − x)·(m + f·[e &gt; t])).
    /// </summary>
    /// <param name="output">The model's outputs y.</param>
    /// <param name="target">The targets x (the inputs, for the copy task), the same shape as <paramref name="output"/>.</param>
    /// <param name="config">Supplies the shape and m, s, f, t.</param>
    public static Tensor<T> RewardLoss<T>(Tensor<T> output, Tensor<T> target, CopyConfig config)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (_, _, loss) = RewardTerms(output, target, config);
        return loss;
    }

    private static (Tensor<T> Reward, Tensor<T> Penalty, Tensor<T> Loss) RewardTerms<T>(Tensor<T> output, Tensor<T> target, CopyConfig config)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(config);
        if (!output.Shape.SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"RewardLoss: output has shape [{string.Join(", ", output.Shape.ToArray())}] but target has shape [{string.Join(", ", target.Shape.ToArray())}]; they must match.",
                nameof(target));
        T m = T.CreateTruncating(config.RewardM);
        var error = (output - target).Abs();
        var reward = config.RewardShape == RewardShape.Exp
            ? (error * T.CreateTruncating(-1.0 / config.RewardS)).Exp() * m
            : (T.One - error) * m;
        // The mask is a constant of the graph: the penalty's gradient is f·sign(y − x) where e > t and 0 elsewhere.
        var penalty = error * error.Greater(T.CreateTruncating(config.RewardT)) * T.CreateTruncating(config.RewardF);
        return (reward, penalty, (penalty - reward).Mean());
    }

    // logEvery10: whether every logged epoch also gets a printable line, or only the last (the sweep's runs).
    private static CopyWayResult TrainMse<T>(CopyConfig config, int epochs, double learningRate, string stage, bool logEvery10,
        IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(config.Seed);
        var model = new Linear<T>(1, 1, random: random);
        double initialWeight = double.CreateTruncating(model.Weight.Item()), initialBias = double.CreateTruncating(model.Bias!.Item());
        var inputs = new T[config.MseSamples];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = T.CreateTruncating(random.Next(0, 11));
        var x = Tensor.FromArray(inputs, inputs.Length, 1);
        // The whole data set is one batch: full-batch gradient descent, as the original script.
        var loader = new DataLoader<T>(new TensorDataset<T>(x, x.Clone()), batchSize: inputs.Length);
        var parameters = model.Parameters().ToList();
        var optimizer = new Sgd<T>(parameters, learningRate);
        // The loss and its gradients as one compiled step (traced on the first batch, replayed after): the same
        // kernels in the same order as loss.Backward(), so the same numbers, without a graph per epoch.
        var step = Compiler.Compile<T>(batch =>
        {
            var loss = Losses.Mse(model.Forward(batch[0]), batch[1]);
            return [loss, .. Autograd.Grad([loss], parameters)];
        });

        var losses = new double[epochs];
        int progressEvery = Math.Max(1, epochs / 200), done = 0;
        string? failure = null;
        var watch = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double loss = 0;
            foreach (var batch in loader)
            {
                var outputs = step.Run(batch.Inputs, batch.Targets);
                loss = double.CreateTruncating(outputs[0].Item());
                UseAsGradients(parameters, outputs, 1);
                optimizer.Step();
            }
            losses[epoch - 1] = loss;
            done = epoch;
            if (!double.IsFinite(loss))
            {
                failure = Diverged("MSE", stage, epoch, loss, learningRate);
                break;
            }
            if (progress is not null)
            {
                if (epoch % MseLogEvery == 0 || epoch == epochs)
                    progress.Report(new ExperimentProgress(stage, epoch, epochs,
                        new Dictionary<string, double> { ["epoch"] = epoch, ["loss"] = loss, ["weight"] = double.CreateTruncating(model.Weight.Item()), ["bias"] = double.CreateTruncating(model.Bias.Item()) },
                        logEvery10 || epoch == epochs ? string.Create(CultureInfo.InvariantCulture, $"[{stage}] Epoch {epoch}/{epochs}, Loss: {loss:F4}") : null));
                else if (epoch % progressEvery == 0)
                    progress.Report(new ExperimentProgress(stage, epoch, epochs));
            }
            if ((epoch & 63) == 0)
                cancellationToken.ThrowIfCancellationRequested();
        }
        watch.Stop();
        return Finish(config, CopyWay.Mse, learningRate, done, initialWeight, initialBias,
            double.CreateTruncating(model.Weight.Item()), double.CreateTruncating(model.Bias.Item()), losses, watch, null, failure);
    }

    private static CopyWayResult TrainReward<T>(CopyConfig config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string Stage = "reward";
        int epochs = config.RewardEpochs;
        var random = new Random(config.Seed);
        var model = new Linear<T>(1, 1, random: random);
        double initialWeight = double.CreateTruncating(model.Weight.Item()), initialBias = double.CreateTruncating(model.Bias!.Item());
        var parameters = model.Parameters().ToList();
        var optimizer = new Sgd<T>(parameters, config.LearningRate);
        // One [1, 1] tensor holds each epoch's sample; it is both input and target. One compiled step computes the
        // output, the reward and penalty terms, the loss and its gradients (the same numbers as loss.Backward()).
        var sample = Tensor.Zeros<T>(1, 1);
        var step = Compiler.Compile<T>(a =>
        {
            var output = model.Forward(a[0]);
            var (reward, penalty, loss) = RewardTerms(output, a[0], config);
            return [output, reward, penalty, loss, .. Autograd.Grad([loss], parameters)];
        });
        var trace = new CopyRewardTrace(new double[epochs], new double[epochs], new double[epochs], new double[epochs], new double[epochs]);
        var losses = new double[epochs];
        int progressEvery = Math.Max(1, epochs / 200), done = 0;
        string? failure = null;
        var watch = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double input = random.NextDouble() * 10;
            sample.AsSpan()[0] = T.CreateTruncating(input);
            var outputs = step.Run(sample);
            UseAsGradients(parameters, outputs, 4);
            optimizer.Step();

            int i = epoch - 1;
            double y = double.CreateTruncating(outputs[0].Item()), loss = double.CreateTruncating(outputs[3].Item());
            trace.Input[i] = double.CreateTruncating(sample.Item());
            trace.Output[i] = y;
            trace.ErrorMargin[i] = Math.Abs(y - trace.Input[i]);
            trace.Reward[i] = double.CreateTruncating(outputs[1].Item());
            trace.Penalty[i] = double.CreateTruncating(outputs[2].Item());
            losses[i] = loss;
            done = epoch;
            if (!double.IsFinite(loss))
            {
                failure = Diverged("reward", Stage, epoch, loss, config.LearningRate);
                break;
            }
            if (progress is not null)
            {
                if (epoch % RewardLogEvery == 0 || epoch == epochs)
                    progress.Report(new ExperimentProgress(Stage, epoch, epochs,
                        new Dictionary<string, double>
                        {
                            ["epoch"] = epoch, ["loss"] = loss, ["input"] = trace.Input[i], ["output"] = y,
                            ["errorMargin"] = trace.ErrorMargin[i], ["reward"] = trace.Reward[i],
                            ["weight"] = double.CreateTruncating(model.Weight.Item()), ["bias"] = double.CreateTruncating(model.Bias.Item()),
                        },
                        string.Create(CultureInfo.InvariantCulture,
                            $"[{Stage}] Epoch {epoch}/{epochs}: Input={trace.Input[i]:F4}, Output={y:F4}, Error Margin={trace.ErrorMargin[i]:F4}, Reward={trace.Reward[i]:F4}")));
                else if (epoch % progressEvery == 0)
                    progress.Report(new ExperimentProgress(Stage, epoch, epochs));
            }
            if ((epoch & 1023) == 0)
                cancellationToken.ThrowIfCancellationRequested();
        }
        watch.Stop();
        return Finish(config, CopyWay.Reward, config.LearningRate, done, initialWeight, initialBias,
            double.CreateTruncating(model.Weight.Item()), double.CreateTruncating(model.Bias.Item()), losses, watch, trace, failure);
    }

    private static CopyWayResult TrainPure(CopyConfig config, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        const string Stage = "pure";
        int epochs = config.PureEpochs;
        double learningRate = config.LearningRate;
        // Draw order (w, b, then one x per update) is part of the contract: the tests replay it through the engine.
        var random = new Random(config.Seed);
        double w = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
        double initialWeight = w, initialBias = b;
        var losses = new double[epochs];
        int progressEvery = Math.Max(1, epochs / 200), done = 0;
        string? failure = null;
        var watch = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double x = random.NextDouble() * 10;
            double y = w * x + b;
            double residual = x - y;
            // d(x − y)²/dw = −2(x − y)·x and d(x − y)²/db = −2(x − y).
            double gradientWeight = -2 * residual * x, gradientBias = -2 * residual;
            w -= learningRate * gradientWeight;
            b -= learningRate * gradientBias;
            double loss = residual * residual;
            losses[epoch - 1] = loss;
            done = epoch;
            if (!double.IsFinite(loss) || !double.IsFinite(w) || !double.IsFinite(b))
            {
                failure = Diverged("framework-free", Stage, epoch, loss, learningRate);
                break;
            }
            if (progress is not null)
            {
                if (epoch % RewardLogEvery == 0 || epoch == epochs)
                    progress.Report(new ExperimentProgress(Stage, epoch, epochs,
                        new Dictionary<string, double> { ["epoch"] = epoch, ["loss"] = loss, ["input"] = x, ["output"] = y, ["weight"] = w, ["bias"] = b },
                        string.Create(CultureInfo.InvariantCulture, $"[{Stage}] Epoch {epoch}/{epochs}: Input={x:F4}, Output={y:F4}, Loss={loss:E4}")));
                else if (epoch % progressEvery == 0)
                    progress.Report(new ExperimentProgress(Stage, epoch, epochs));
            }
            if ((epoch & 1023) == 0)
                cancellationToken.ThrowIfCancellationRequested();
        }
        watch.Stop();
        var result = Finish(config, CopyWay.Pure, learningRate, done, initialWeight, initialBias, w, b, losses, watch, null, failure);
        // Two doubles: the framework-free way is double whatever the engine's dtype.
        return result with { Dtype = CopyDtype.Float64 };
    }

    private static CopyWayResult Finish(CopyConfig config, CopyWay way, double learningRate, int epochs, double initialWeight, double initialBias,
        double weight, double bias, double[] losses, Stopwatch watch, CopyRewardTrace? trace, string? failure)
    {
        if (epochs < losses.Length)
        {
            // Keep only the epochs that ran, so plots and CSVs do not show zeros for epochs that never happened.
            losses = losses[..epochs];
            if (trace is not null)
                trace = new CopyRewardTrace(trace.Input[..epochs], trace.Output[..epochs], trace.ErrorMargin[..epochs], trace.Reward[..epochs], trace.Penalty[..epochs]);
        }
        var parameters = new CopyParameters(way, config.Dtype, weight, bias);
        return new CopyWayResult
        {
            Way = way,
            Dtype = config.Dtype,
            Epochs = epochs,
            LearningRate = learningRate,
            InitialWeight = initialWeight,
            InitialBias = initialBias,
            Weight = weight,
            Bias = bias,
            FinalLoss = epochs > 0 ? losses[epochs - 1] : double.NaN,
            Seconds = watch.Elapsed.TotalSeconds,
            Losses = losses,
            Outputs = parameters.Evaluate(config.ProbeInputs),
            Trace = trace,
            Failure = failure,
        };
    }

    private static string Diverged(string way, string stage, int epoch, double loss, double learningRate) =>
        string.Create(CultureInfo.InvariantCulture,
            $"The {way} way ({stage}) diverged: its loss became {loss} at epoch {epoch}. The learning rate {learningRate} is too large for inputs up to 10; try --learning-rate 0.01 or smaller.");

    // The plan's gradient outputs become the parameters' Grad, which the optimizer reads in place.
    private static void UseAsGradients<T>(List<Tensor<T>> parameters, IReadOnlyList<Tensor<T>> outputs, int first)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < parameters.Count; p++)
            parameters[p].Grad = outputs[first + p];
    }
}
