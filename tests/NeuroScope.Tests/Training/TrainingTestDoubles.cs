using NeuroScope.Data;
using NeuroScope.Optim;
using NeuroScope.Training;

namespace NeuroScope.Tests.Training;

/// <summary>Plain SGD with optional heavy-ball momentum (v = μv + g, p −= lr·v) that records the learning rate of every step.</summary>
internal sealed class TestSgd : Optimizer<double>
{
    private readonly double[][] _velocity;

    public TestSgd(IEnumerable<Tensor<double>> parameters, double learningRate, double momentum = 0)
        : base(parameters, learningRate)
    {
        Momentum = momentum;
        _velocity = new double[Parameters.Count][];
        for (int i = 0; i < Parameters.Count; i++)
            _velocity[i] = new double[Parameters[i].Length];
    }

    public double Momentum { get; }

    public List<double> LearningRatesSeen { get; } = [];

    public override void Step()
    {
        LearningRatesSeen.Add(LearningRate);
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (!p.RequiresGrad || p.Grad is null)
                continue;
            var g = p.Grad.AsSpan();
            var w = p.AsSpan();
            var v = _velocity[i];
            for (int j = 0; j < w.Length; j++)
            {
                v[j] = Momentum * v[j] + g[j];
                w[j] -= LearningRate * v[j];
            }
        }
        StepCount++;
    }

    public override OptimizerState SaveState()
    {
        var buffers = new Dictionary<string, double[]>();
        for (int i = 0; i < _velocity.Length; i++)
            buffers["momentum." + i] = (double[])_velocity[i].Clone();
        return new OptimizerState(nameof(TestSgd), LearningRate, StepCount, buffers);
    }

    public override void LoadState(OptimizerState state)
    {
        if (state.Kind != nameof(TestSgd))
            throw new ArgumentException($"Cannot load a {state.Kind} state into TestSgd.", nameof(state));
        LearningRate = state.LearningRate;
        StepCount = state.StepCount;
        for (int i = 0; i < _velocity.Length; i++)
            state.Buffers["momentum." + i].CopyTo(_velocity[i], 0);
    }
}

/// <summary>y = w·x with loss mean((w·x − y)²), trained by <see cref="TestSgd"/>; records w at every training step.</summary>
internal sealed class LineModule : TrainingModule<double>
{
    private readonly double _learningRate;
    private readonly double _momentum;

    public LineModule(double initialWeight, double learningRate, double momentum = 0)
    {
        Weight = RegisterParameter("weight", Tensor.Scalar(initialWeight));
        _learningRate = learningRate;
        _momentum = momentum;
    }

    public Tensor<double> Weight { get; }

    public TestSgd? Optimizer { get; private set; }

    public List<double> WeightsSeen { get; } = [];

    public override Tensor<double> Forward(Tensor<double> input) => input * Weight;

    public override Tensor<double> TrainingStep(Batch<double> batch, int batchIndex)
    {
        WeightsSeen.Add(Weight.Item());
        return (Forward(batch.Inputs) - batch.Targets).Square().Mean();
    }

    public override Optimizer<double> ConfigureOptimizer() => Optimizer ??= new TestSgd(Parameters(), _learningRate, _momentum);
}

/// <summary>A module whose loss is a scripted value (w·0 + value, so it requires grad but moves nothing), with an optional logging hook.</summary>
internal sealed class ScriptedLossModule : TrainingModule<double>
{
    private readonly Func<int, int, int, double> _lossOf;
    private readonly Action<ScriptedLossModule, int, int>? _onStep;

    /// <param name="lossOf">The loss given (epoch, batch index, call number).</param>
    /// <param name="onStep">Called with (module, epoch, batch index) at every step, for logging.</param>
    public ScriptedLossModule(Func<int, int, int, double> lossOf, Action<ScriptedLossModule, int, int>? onStep = null)
    {
        Weight = RegisterParameter("weight", Tensor.Scalar(1.0));
        _lossOf = lossOf;
        _onStep = onStep;
    }

    public Tensor<double> Weight { get; }

    public int Calls { get; private set; }

    public List<int> BatchIndices { get; } = [];

    public List<double> BatchInputs { get; } = [];

    public TestSgd? Optimizer { get; private set; }

    public Action<int>? OnCall { get; set; }

    public override Tensor<double> Forward(Tensor<double> input) => input * Weight;

    public override Tensor<double> TrainingStep(Batch<double> batch, int batchIndex)
    {
        BatchIndices.Add(batchIndex);
        BatchInputs.Add(batch.Inputs[0]);
        double value = _lossOf(CurrentEpoch, batchIndex, Calls);
        _onStep?.Invoke(this, CurrentEpoch, batchIndex);
        OnCall?.Invoke(Calls);
        Calls++;
        return Weight * 0.0 + value;
    }

    public override Optimizer<double> ConfigureOptimizer() => Optimizer ??= new TestSgd(Parameters(), 0.1);
}

/// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, which posts to the thread pool.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

/// <summary>Keeps every epoch's metrics as the trainer reports them.</summary>
internal sealed class EpochRecorder : TrainerCallback
{
    public List<EpochMetrics> Epochs { get; } = [];

    public override void OnEpochEnd(EpochMetrics metrics, TrainingControl control) => Epochs.Add(metrics);
}

/// <summary>A fresh folder under the temp path, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neuroscope-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed cleanup must not fail the test.
        }
    }
}

internal static class TrainingData
{
    /// <summary>Batches of one sample each, input i and target 2i, for i = 0 … count − 1.</summary>
    public static List<Batch<double>> Numbered(int count)
    {
        var batches = new List<Batch<double>>();
        for (int i = 0; i < count; i++)
            batches.Add(new Batch<double>(Tensor.FromArray([(double)i]), Tensor.FromArray([2.0 * i])));
        return batches;
    }

    /// <summary>Reads a file that another handle may still be writing.</summary>
    public static string[] ReadLinesShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        string text = reader.ReadToEnd();
        return text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
    }

    public static string ReadAllShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
