using System.Globalization;
using System.Text;

namespace NeuroScope.Experiments.Copy;

/// <summary>The copy experiment as a registered experiment: <c>neuroscope copy</c>.</summary>
public sealed class CopyExperiment : Experiment<CopyConfig, CopyResult>
{
    /// <inheritdoc/>
    public override string Verb => "copy";

    /// <inheritdoc/>
    public override string Title => "Copy: learning the identity three ways";

    /// <inheritdoc/>
    public override string Description =>
        "Train y = w·x + b to output its input three ways (MSE + SGD, reward and penalty, framework-free), time them, and "
        + "compare their outputs for 1, 9, 123 and 123123123123 in float32 and float64. The table shows what float32 does to 123123123123.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Examples =>
        ["copy", "copy --way reward --reward-shape linear --reward-epochs 5000", "copy --way mse --sweep --dtype float64", "copy prompt"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> MetricColumns => ["epoch", "loss", "input", "output", "errorMargin", "reward", "weight", "bias"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> CounterColumns => ["epoch"];

    /// <inheritdoc/>
    public override IReadOnlyList<string> QuickArguments => ["--mse-epochs", "100", "--reward-epochs", "100", "--pure-epochs", "100"];

    /// <inheritdoc/>
    public override IReadOnlyList<Picture> Pictures =>
    [
        new("outputs.png", "All three learned lines lie on the identity y = x (top); their distance from it (bottom) shows the MSE way's line still slightly tilted."),
        new("outputs_far.png", "Far outside the training range the error of a tilted line grows with x, while the framework-free way stays exact in float64 and float32 rounding shows in the dashed lines."),
        new("loss_mse.png", "The MSE way's loss drops steeply, then falls on a straight line in log scale: it is still learning when its epochs end."),
        new("loss_reward.png", "The reward way's loss (0 = perfect) falls within a few hundred epochs to a noisy floor, one sample per epoch."),
        new("reward.png", "The penalty vanishes once the error stays below t, while the reward sits at its best value m."),
        new("loss_pure.png", "The framework-free way's squared error falls by dozens of orders of magnitude until double precision bottoms out."),
    ];

    /// <inheritdoc/>
    public override CopyResult Run(CopyConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default) =>
        CopyNumber.Run(config, progress, cancellationToken);

    /// <inheritdoc/>
    public override void Validate(CopyConfig config) => config.Validate();

    /// <inheritdoc/>
    public override IReadOnlyList<Headline> Headlines(CopyResult result)
    {
        // The worst |output − input| of any way over the probe inputs, in float64, where rounding of the input does not hide the model's error.
        var lines = new List<Headline>();
        double worst = 0;
        foreach (var way in result.Ways)
        {
            double error = way.Outputs.Count == 0 ? double.NaN : way.Outputs.Max(o => Math.Abs(o.Float64Output - o.Input));
            lines.Add(new($"max |y − x|, {Name(way.Way)}", error));
            worst = Math.Max(worst, error);
        }
        lines.Insert(0, new("max |y − x| over the probe inputs", worst));
        return lines;
    }

    /// <inheritdoc/>
    public override object Summary(CopyResult result, IReadOnlyList<Headline> headlines) => CopySummary.From(result, headlines);

    /// <inheritdoc/>
    public override string? Failure(CopyResult result) => result.Failure;

    /// <inheritdoc/>
    public override void WriteFiles(CopyResult result, IRunFiles files)
    {
        foreach (var way in result.Ways)
            // A diverged way's parameters are no model; the prompt must not offer them.
            if (way.Failure is null)
                files.WriteJson($"params_{Name(way.Way)}.json", way.ToParameters());
        if (result.Reward?.Trace is { } trace)
            files.WriteText("reward_epochs.csv", RewardCsv(trace));
    }

    private static string RewardCsv(CopyRewardTrace trace)
    {
        var text = new StringBuilder("epoch,input,output,errorMargin,reward,penalty,loss\n");
        for (int i = 0; i < trace.Input.Length; i++)
            text.Append(CultureInfo.InvariantCulture,
                $"{i + 1},{trace.Input[i]:R},{trace.Output[i]:R},{trace.ErrorMargin[i]:R},{trace.Reward[i]:R},{trace.Penalty[i]:R},{trace.Penalty[i] - trace.Reward[i]:R}\n");
        return text.ToString();
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ResultTable> Tables(CopyResult result)
    {
        var tables = new List<ResultTable>
        {
            new("Copy: each way's training", ["way", "dtype", "epochs", "lr", "time", "w", "b", "final loss", "MSE on [0, 10]"],
                result.Ways.Select(w => (IReadOnlyList<string>)[Name(w.Way), Dtype(w.Dtype), w.Epochs.ToString(CultureInfo.InvariantCulture), Number(w.LearningRate, "G"),
                    Time(w.Seconds), Number(w.Weight, "F4"), Number(w.Bias, "F4"), Number(w.FinalLoss, "G4"), Number(w.IdentityMse, "G4")]).ToList(), 2),
            new("Outputs, four decimals: float32 keeps 24 significant bits, so x = 123123123123 becomes 123123122176",
                ["way", "input x", "x as float32", "output in float32", "output in float64", "float32 − float64"],
                result.Ways.SelectMany(w => w.Outputs.Select(o => (IReadOnlyList<string>)[Name(w.Way), Number(o.Input, "F4"), Number(o.Float32Input, "F4"),
                    Number(o.Float32Output, "F4"), Number(o.Float64Output, "F4"), Number(o.Float32Difference, "F4")])).ToList()),
        };
        if (result.Sweep.Count > 0)
        {
            var columns = new List<string> { "epochs", "lr", "time", "w", "b", "final loss" };
            columns.AddRange(result.Config.ProbeInputs.Select(p => $"y({Number(p, "G12")})"));
            var rows = result.Sweep.Select(entry => (IReadOnlyList<string>)[
                entry.Epochs.ToString(CultureInfo.InvariantCulture), Number(entry.LearningRate, "G"), Time(entry.Seconds),
                Number(entry.Weight, "F4"), Number(entry.Bias, "F4"), Number(entry.FinalLoss, "G4"),
                .. entry.Outputs.Select(o => Number(o.Float64Output, "F4"))]).ToList();
            tables.Add(new($"Sweep of the MSE way ({Dtype(result.Config.Dtype)}): outputs in float64", columns, rows, 0));
        }
        return tables;
    }

    private static string Name(CopyWay way) => way.ToString().ToLowerInvariant();

    private static string Dtype(CopyDtype dtype) => dtype == CopyDtype.Float32 ? "float32" : "float64";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Time(double seconds) => seconds >= 1
        ? seconds.ToString("F2", CultureInfo.InvariantCulture) + " s"
        : (seconds * 1000).ToString(seconds >= 0.01 ? "F0" : "F2", CultureInfo.InvariantCulture) + " ms";
}
