using System.Numerics;

namespace NeuroScope.Optim;

/// <summary>
/// Updates parameters from their gradients, as PyTorch's <c>torch.optim.Optimizer</c>: <see cref="Step"/> applies
/// one update in place (outside the graph), <see cref="ZeroGrad"/> clears the gradients. Parameters that do not
/// require grad, or have no gradient yet, are skipped.
/// </summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an optimizer over <paramref name="parameters"/> with a learning rate.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters, double learningRate)
    {
        Parameters = [.. parameters];
        LearningRate = learningRate;
    }

    /// <summary>The parameters this optimizer updates, in order.</summary>
    public IReadOnlyList<Tensor<T>> Parameters { get; }

    /// <summary>The step size; schedules and the learning-rate finder change it between steps.</summary>
    public double LearningRate
    {
        get;
        set => field = value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(LearningRate), value, "The learning rate must be a positive, finite number.");
    }

    /// <summary>How many steps have been taken.</summary>
    public int StepCount { get; protected set; }

    /// <summary>Applies one update to every parameter that has a gradient.</summary>
    public abstract void Step();

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters)
            p.ZeroGrad();
    }

    /// <summary>A deep copy of the optimizer's state (learning rate, step count, per-parameter buffers).</summary>
    public abstract OptimizerState SaveState();

    /// <summary>Restores a state saved by <see cref="SaveState"/> from an optimizer of the same kind and parameters.</summary>
    public abstract void LoadState(OptimizerState state);
}

/// <summary>A saved optimizer state: learning rate, step count and named per-parameter buffers (as doubles).</summary>
/// <param name="Kind">The optimizer's type name, checked on load.</param>
/// <param name="LearningRate">The learning rate at the time of saving.</param>
/// <param name="StepCount">Steps taken.</param>
/// <param name="Buffers">Per-parameter buffers by name (for example "momentum.0"); each a copy.</param>
public sealed record OptimizerState(string Kind, double LearningRate, int StepCount, IReadOnlyDictionary<string, double[]> Buffers);
