namespace NeuroScope.Experiments.Copy;

/// <summary>Which way of training the copy model to run: all three, or one of them.</summary>
public enum CopyWay
{
    /// <summary>All three ways, one after another.</summary>
    All,

    /// <summary>Full-batch mean squared error on integers 0..10 with SGD.</summary>
    Mse,

    /// <summary>The reward-and-penalty objective, one sample per epoch, with SGD.</summary>
    Reward,

    /// <summary>No engine: two doubles updated by hand-derived gradients of the squared error.</summary>
    Pure,
}
