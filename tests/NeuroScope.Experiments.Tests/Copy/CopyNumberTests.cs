using NeuroScope.Experiments.Copy;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Tests.Copy;

public sealed class CopyNumberTests
{
    [Theory]
    [InlineData(CopyDtype.Float32)]
    [InlineData(CopyDtype.Float64)]
    public void Mse_DefaultSettings_EndsNearIdentity(CopyDtype dtype)
    {
        var config = new CopyConfig { Way = CopyWay.Mse, Dtype = dtype };

        var result = CopyNumber.Run(config).Mse!;

        Assert.Equal(500, result.Epochs);
        Assert.True(Math.Abs(result.Weight - 1) < 0.02, $"w = {result.Weight}");
        Assert.True(Math.Abs(result.Bias) < 0.2, $"b = {result.Bias}");
        Assert.Null(result.Failure);
    }

    [Theory]
    [InlineData(CopyDtype.Float32)]
    [InlineData(CopyDtype.Float64)]
    public void Reward_DefaultSettings_EndsNearIdentity(CopyDtype dtype)
    {
        var config = new CopyConfig { Way = CopyWay.Reward, Dtype = dtype };

        var result = CopyNumber.Run(config).Reward!;

        Assert.Equal(25_000, result.Epochs);
        Assert.True(Math.Abs(result.Weight - 1) < 1e-3, $"w = {result.Weight}");
        Assert.True(Math.Abs(result.Bias) < 0.01, $"b = {result.Bias}");
        Assert.Equal(25_000, result.Trace!.Input.Length);
    }

    [Fact]
    public void Pure_DefaultSettings_EndsNearIdentity()
    {
        var config = new CopyConfig { Way = CopyWay.Pure };

        var result = CopyNumber.Run(config).Pure!;

        Assert.Equal(25_000, result.Epochs);
        Assert.Equal(CopyDtype.Float64, result.Dtype);
        Assert.True(Math.Abs(result.Weight - 1) < 1e-3, $"w = {result.Weight}");
        Assert.True(Math.Abs(result.Bias) < 0.01, $"b = {result.Bias}");
    }

    [Fact]
    public void Pure_AgreesWithSameUpdateThroughEngine()
    {
        const int Seed = 7, Epochs = 2000;
        var config = new CopyConfig { Way = CopyWay.Pure, Seed = Seed, PureEpochs = Epochs };
        // The framework-free way draws w, b from U[−1, 1], then one x from U[0, 10) per update.
        var random = new Random(Seed);
        double w0 = random.NextDouble() * 2 - 1, b0 = random.NextDouble() * 2 - 1;
        var model = new Linear<double>(1, 1);
        model.SetWeight(new[,] { { w0 } });
        model.SetBias([b0]);
        var optimizer = new Sgd<double>(model.Parameters(), 0.01);
        var sample = Tensor.Zeros<double>(1, 1);

        var pure = CopyNumber.Run(config).Pure!;
        for (int step = 0; step < Epochs; step++)
        {
            sample.AsSpan()[0] = random.NextDouble() * 10;
            optimizer.ZeroGrad();
            // (y − x)² on one sample: its gradient is the hand-derived −2(x − y)·(x, 1).
            Losses.Mse(model.Forward(sample), sample).Backward();
            optimizer.Step();
        }

        Assert.Equal(w0, pure.InitialWeight);
        Assert.Equal(b0, pure.InitialBias);
        Assert.Equal(model.Weight.Item(), pure.Weight, 1e-12);
        Assert.Equal(model.Bias!.Item(), pure.Bias, 1e-12);
    }

    [Theory]
    [InlineData(RewardShape.Exp, 3.0, 2.0)]      // e = 1 > t, y above x
    [InlineData(RewardShape.Exp, 1.5, 4.0)]      // e = 2.5 > t, y below x
    [InlineData(RewardShape.Exp, 2.004, 2.0)]    // e = 0.004 ≤ t: no penalty
    [InlineData(RewardShape.Exp, 1.995, 2.0)]
    [InlineData(RewardShape.Linear, 7.0, 5.0)]
    [InlineData(RewardShape.Linear, 4.999, 5.0)]
    public void RewardLoss_GradientAtOutput_MatchesHandDerived(RewardShape shape, double y, double x)
    {
        var config = new CopyConfig { RewardShape = shape, RewardM = 1.5, RewardS = 20, RewardF = 1.333, RewardT = 0.01 };
        var output = Tensor.FromArray([y], 1, 1).RequireGrad();
        var target = Tensor.FromArray([x], 1, 1);
        double e = Math.Abs(y - x);
        double rewardSlope = shape == RewardShape.Exp ? config.RewardM * Math.Exp(-e / config.RewardS) / config.RewardS : config.RewardM;
        double expected = Math.Sign(y - x) * (rewardSlope + (e > config.RewardT ? config.RewardF : 0));
        double reward = shape == RewardShape.Exp ? config.RewardM * Math.Exp(-e / config.RewardS) : config.RewardM * (1 - e);
        double expectedLoss = (e > config.RewardT ? config.RewardF * e : 0) - reward;

        var loss = CopyNumber.RewardLoss(output, target, config);
        var gradient = Autograd.Grad(loss, output);

        Assert.Equal(expectedLoss, loss.Item(), 1e-12);
        Assert.Equal(expected, gradient.Item(), 1e-12);
    }

    [Fact]
    public void RewardLoss_Batch_AveragesOverSamples()
    {
        var config = new CopyConfig();
        var output = Tensor.FromArray([1.0, 5.0], 2, 1);
        var target = Tensor.FromArray([3.0, 5.0], 2, 1);
        // e = 2 (penalised) and e = 0 (reward m, no penalty).
        double expected = ((1.333 * 2 - Math.Exp(-2.0 / 100)) + (0 - 1)) / 2;

        var loss = CopyNumber.RewardLoss(output, target, config);

        Assert.Equal(expected, loss.Item(), 1e-12);
    }

    [Fact]
    public void RewardLoss_MismatchedShapes_Throws()
    {
        var output = Tensor.Zeros<double>(2, 1);
        var target = Tensor.Zeros<double>(2);

        var error = Assert.Throws<ArgumentException>(() => CopyNumber.RewardLoss(output, target, new CopyConfig()));

        Assert.Contains("[2, 1]", error.Message);
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void Outputs_HugeInput_Float32DiffersFromFloat64AsRoundingSays()
    {
        const double X = 123_123_123_123;
        var config = new CopyConfig { Way = CopyWay.Mse, MseEpochs = 50 };

        var result = CopyNumber.Run(config).Mse!;
        var probe = Assert.Single(result.Outputs, o => o.Input == X);

        // 2^36 ≤ x < 2^37, so float32 spacing there is 2^(36−23) = 8192 and x rounds to the nearest multiple of it.
        double spacing = Math.Pow(2, 36 - 23);
        Assert.Equal(Math.Round(X / spacing) * spacing, probe.Float32Input);
        Assert.Equal(123_123_122_176, probe.Float32Input);
        float w32 = (float)result.Weight, b32 = (float)result.Bias, x32 = (float)X;
        float product = w32 * x32;
        float expected32 = product + b32;
        Assert.Equal((double)expected32, probe.Float32Output);
        Assert.Equal(result.Weight * X + result.Bias, probe.Float64Output);
        Assert.NotEqual(probe.Float64Output, probe.Float32Output);
        Assert.Equal(probe.Float32Output - probe.Float64Output, probe.Float32Difference);
    }

    [Fact]
    public void Outputs_SmallInputs_AreFourDecimalExactInBothPrecisions()
    {
        var parameters = new CopyParameters(CopyWay.Pure, CopyDtype.Float64, 1, 0);

        var outputs = parameters.Evaluate([1, 9, 123, 123_123_123_123]);

        Assert.Equal(1, outputs[0].Float32Output);
        Assert.Equal(9, outputs[1].Float64Output);
        Assert.Equal(123, outputs[2].Float32Output);
        Assert.Equal(123_123_123_123, outputs[3].Float64Output);
        Assert.Equal(123_123_122_176 - 123_123_123_123, outputs[3].Float32Difference);
    }

    [Fact]
    public void Run_SameSeed_IsRepeatable_OtherSeedDiffers()
    {
        var config = new CopyConfig { MseEpochs = 20, RewardEpochs = 500, PureEpochs = 500, Seed = 3 };

        var first = CopyNumber.Run(config);
        var second = CopyNumber.Run(config);
        var other = CopyNumber.Run(config with { Seed = 4 });

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(first.Ways[i].Weight, second.Ways[i].Weight);
            Assert.Equal(first.Ways[i].Bias, second.Ways[i].Bias);
            Assert.NotEqual(first.Ways[i].InitialWeight, other.Ways[i].InitialWeight);
        }
    }

    [Fact]
    public void Run_LargeLearningRate_ReportsDivergenceInsteadOfThrowing()
    {
        // lr·2·E[x²] = 0.5·2·35 ≫ 2: full-batch gradient descent on the MSE blows up.
        var config = new CopyConfig { Way = CopyWay.Mse, LearningRate = 0.5, MseEpochs = 2000 };

        var result = CopyNumber.Run(config);

        Assert.NotNull(result.Failure);
        Assert.Contains("diverged", result.Failure);
        Assert.True(result.Mse!.Epochs < 2000);
        Assert.Equal(result.Mse.Epochs, result.Mse.Losses.Length);
    }

    [Fact]
    public void Run_Sweep_TrainsEachSettingAndLongerTrainingLowersTheLoss()
    {
        var config = new CopyConfig { Way = CopyWay.Pure, PureEpochs = 10, Sweep = true };

        var result = CopyNumber.Run(config);

        Assert.Equal(CopyNumber.SweepSettings.Count, result.Sweep.Count);
        for (int i = 0; i < result.Sweep.Count; i++)
        {
            Assert.Equal(CopyNumber.SweepSettings[i].Epochs, result.Sweep[i].Epochs);
            Assert.Equal(CopyNumber.SweepSettings[i].LearningRate, result.Sweep[i].LearningRate);
        }
        Assert.True(result.Sweep[3].FinalLoss < result.Sweep[0].FinalLoss);
        Assert.True(result.Sweep[5].FinalLoss < result.Sweep[4].FinalLoss);
        Assert.Equal(result.Sweep[0].InitialWeight, result.Sweep[5].InitialWeight);
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => CopyNumber.Run(new CopyConfig { Way = CopyWay.Reward }, null, cancel.Token));
    }

    [Fact]
    public void Run_Progress_LogsTheOriginalLines()
    {
        var reports = new List<ExperimentProgress>();
        var config = new CopyConfig { MseEpochs = 30, RewardEpochs = 2000, PureEpochs = 1000 };

        CopyNumber.Run(config, new ListProgress(reports));

        var mseLine = Assert.Single(reports, r => r.Stage == "mse" && r.Step == 10 && r.Metrics is not null);
        Assert.Equal($"[mse] Epoch 10/30, Loss: {mseLine.Metrics!["loss"].ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}", mseLine.Message);
        var rewardLines = reports.FindAll(r => r.Stage == "reward" && r.Message is not null);
        Assert.Equal(2, rewardLines.Count);
        Assert.StartsWith("[reward] Epoch 1000/2000: Input=", rewardLines[0].Message);
        Assert.Contains(", Error Margin=", rewardLines[0].Message);
        Assert.Contains(", Reward=", rewardLines[0].Message);
    }

    [Fact]
    public void IdentityMse_MatchesNumericalAverage()
    {
        var result = CopyNumber.Run(new CopyConfig { Way = CopyWay.Mse, MseEpochs = 5 }).Mse!;
        // Midpoint rule over [0, 10] for E[(w·x + b − x)²].
        double sum = 0;
        const int N = 100_000;
        for (int i = 0; i < N; i++)
        {
            double x = (i + 0.5) * 10.0 / N, d = result.Weight * x + result.Bias - x;
            sum += d * d;
        }

        Assert.Equal(sum / N, result.IdentityMse, 1e-6);
    }

    private sealed class ListProgress(List<ExperimentProgress> reports) : IProgress<ExperimentProgress>
    {
        public void Report(ExperimentProgress value) => reports.Add(value);
    }

    [Theory]
    [InlineData(CopyDtype.Float32)]
    [InlineData(CopyDtype.Float64)]
    public void MseAndReward_CompiledSteps_EqualTheDynamicEngineBitForBit(CopyDtype dtype)
    {
        var config = new CopyConfig { Way = CopyWay.All, Dtype = dtype, MseEpochs = 300, RewardEpochs = 3000, Seed = 5 };

        var result = CopyNumber.Run(config);

        var (mseLosses, mseWeight, mseBias) = dtype == CopyDtype.Float32 ? DynamicMse<float>(config) : DynamicMse<double>(config);
        Assert.Equal(mseLosses, result.Mse!.Losses);
        Assert.Equal(mseWeight, result.Mse.Weight);
        Assert.Equal(mseBias, result.Mse.Bias);
        var (rewardLosses, rewardWeight, rewardBias) = dtype == CopyDtype.Float32 ? DynamicReward<float>(config) : DynamicReward<double>(config);
        Assert.Equal(rewardLosses, result.Reward!.Losses);
        Assert.Equal(rewardWeight, result.Reward.Weight);
        Assert.Equal(rewardBias, result.Reward.Bias);
    }

    // The MSE way on the dynamic engine: the same draws (the model's weights, then the inputs), one graph and Backward() per epoch.
    private static (double[] Losses, double Weight, double Bias) DynamicMse<T>(CopyConfig config)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(config.Seed);
        var model = new Linear<T>(1, 1, random: random);
        var inputs = new T[config.MseSamples];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = T.CreateTruncating(random.Next(0, 11));
        var x = Tensor.FromArray(inputs, inputs.Length, 1);
        var optimizer = new Sgd<T>(model.Parameters(), config.LearningRate);
        var losses = new double[config.MseEpochs];
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            optimizer.ZeroGrad();
            var loss = Losses.Mse(model.Forward(x), x);
            losses[epoch] = double.CreateTruncating(loss.Item());
            loss.Backward();
            optimizer.Step();
        }
        return (losses, double.CreateTruncating(model.Weight.Item()), double.CreateTruncating(model.Bias!.Item()));
    }

    // The reward way on the dynamic engine: one drawn sample per epoch, one graph and Backward() per sample.
    private static (double[] Losses, double Weight, double Bias) DynamicReward<T>(CopyConfig config)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(config.Seed);
        var model = new Linear<T>(1, 1, random: random);
        var optimizer = new Sgd<T>(model.Parameters(), config.LearningRate);
        var losses = new double[config.RewardEpochs];
        for (int epoch = 0; epoch < losses.Length; epoch++)
        {
            var sample = Tensor.FromArray([T.CreateTruncating(random.NextDouble() * 10)], 1, 1);
            optimizer.ZeroGrad();
            var loss = CopyNumber.RewardLoss(model.Forward(sample), sample, config);
            losses[epoch] = double.CreateTruncating(loss.Item());
            loss.Backward();
            optimizer.Step();
        }
        return (losses, double.CreateTruncating(model.Weight.Item()), double.CreateTruncating(model.Bias!.Item()));
    }
}
