using System.Numerics;

namespace NeuroScope.Optim;

/// <summary>A schedule that sets an optimizer's learning rate from the current one at each epoch, as PyTorch's chainable schedulers do.</summary>
public abstract class LearningRateSchedule<T> : ILearningRateSchedule where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Attaches the schedule to <paramref name="optimizer"/>, whose current learning rate is the initial one.</summary>
    protected LearningRateSchedule(Optimizer<T> optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        InitialLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimizer whose learning rate this schedule sets.</summary>
    public Optimizer<T> Optimizer { get; }

    /// <summary>The optimizer's learning rate when the schedule was created (PyTorch's <c>initial_lr</c>).</summary>
    public double InitialLearningRate { get; }

    /// <inheritdoc/>
    public int Epoch { get; private set; }

    /// <inheritdoc/>
    public double LearningRate => Optimizer.LearningRate;

    /// <inheritdoc/>
    public void Step()
    {
        Epoch++;
        Optimizer.LearningRate = NextLearningRate(Epoch, Optimizer.LearningRate);
    }

    /// <summary>The learning rate for the epoch after <paramref name="epoch"/> completed ones, given the <paramref name="current"/> one.</summary>
    protected abstract double NextLearningRate(int epoch, double current);
}
