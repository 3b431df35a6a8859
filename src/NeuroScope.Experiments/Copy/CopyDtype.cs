namespace NeuroScope.Experiments.Copy;

/// <summary>The floating-point type the engine trains in.</summary>
public enum CopyDtype
{
    /// <summary>IEEE 754 single precision (24-bit significand).</summary>
    Float32,

    /// <summary>IEEE 754 double precision (53-bit significand).</summary>
    Float64,
}
