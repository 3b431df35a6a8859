namespace NeuroScope.Training;

/// <summary>Hooks into a <see cref="Trainer{T}"/> fit, as Lightning's <c>Callback</c>; every hook does nothing unless overridden.</summary>
public abstract class TrainerCallback
{
    /// <summary>Called once before the first batch of a fit; a callback resets its per-fit state here.</summary>
    /// <param name="maxEpochs">The most epochs the fit will run.</param>
    public virtual void OnTrainStart(int maxEpochs)
    {
    }

    /// <summary>Called after each complete epoch, with its metrics; <paramref name="control"/> can ask the trainer to stop.</summary>
    public virtual void OnEpochEnd(EpochMetrics metrics, TrainingControl control)
    {
    }

    /// <summary>Called once when the fit ends, however it ends, except when an exception escapes it.</summary>
    public virtual void OnTrainEnd(TrainingResult result)
    {
    }
}
