namespace NeuroScope.Nn;

/// <summary>How a loss combines its element-wise terms into one scalar, as PyTorch's <c>reduction</c> argument.</summary>
public enum Reduction
{
    /// <summary>The average of the terms.</summary>
    Mean,

    /// <summary>The sum of the terms.</summary>
    Sum,
}
