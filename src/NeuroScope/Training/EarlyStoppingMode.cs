namespace NeuroScope.Training;

/// <summary>Whether <see cref="EarlyStopping"/> wants the monitored metric to fall or to rise.</summary>
public enum EarlyStoppingMode
{
    /// <summary>Lower is better (a loss).</summary>
    Min,

    /// <summary>Higher is better (an accuracy).</summary>
    Max,
}
