namespace NeuroScope.Training;

/// <summary>Lets a <see cref="TrainerCallback"/> ask the trainer to stop after the current epoch (Lightning's <c>trainer.should_stop</c>).</summary>
public sealed class TrainingControl
{
    internal TrainingControl()
    {
    }

    /// <summary>Whether a callback has asked to stop.</summary>
    public bool StopRequested => StopMessage is not null;

    /// <summary>The reason given by the first callback that asked to stop, or null.</summary>
    public string? StopMessage { get; private set; }

    /// <summary>Asks the trainer to stop once this epoch's callbacks have run; the first reason given is kept.</summary>
    /// <param name="reason">A sentence for the training result saying why.</param>
    public void RequestStop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        StopMessage ??= reason;
    }
}
