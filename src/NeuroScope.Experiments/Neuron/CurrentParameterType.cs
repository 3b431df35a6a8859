namespace NeuroScope.Experiments.Neuron;

/// <summary>What a <see cref="CurrentParameter"/> holds.</summary>
public enum CurrentParameterType
{
    /// <summary>A finite number.</summary>
    Number,

    /// <summary>A whole number (a seed).</summary>
    Integer,

    /// <summary>A file path, written bare or in double quotes.</summary>
    File,
}
