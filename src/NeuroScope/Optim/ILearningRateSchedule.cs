namespace NeuroScope.Optim;

/// <summary>A learning-rate schedule as PyTorch's <c>lr_scheduler</c>: <see cref="Step"/> is called once per epoch, after the optimizer's steps.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The epochs completed so far (PyTorch's <c>last_epoch</c>); 0 right after construction.</summary>
    int Epoch { get; }

    /// <summary>The learning rate the optimizer uses now (PyTorch's <c>get_last_lr()</c>).</summary>
    double LearningRate { get; }

    /// <summary>Ends an epoch: advances <see cref="Epoch"/> and sets the optimizer's learning rate for the next one.</summary>
    void Step();
}
