namespace NeuroScope.Compile;

/// <summary>How <see cref="Compiler.Compile{T}(Func{Tensor{T}[], Tensor{T}[]}, CompileOptions?)"/> traces and plans a function.</summary>
public sealed record CompileOptions
{
    /// <summary>When an input's shape differs from every traced one: trace again for the new shapes (true), or throw naming the input (false).</summary>
    public bool RetraceOnShapeChange { get; init; } = true;

    /// <summary>Fuse chains of exact element-wise ops into generated loops; off runs every op as its own kernel pass.</summary>
    public bool Fuse { get; init; } = true;

    /// <summary>
    /// The longest tensor (in elements) whose element-wise chains are fused. A fused loop is scalar; above this length
    /// the ops' own SIMD passes are faster, so they run unfused.
    /// </summary>
    public int FuseMaxLength { get; init; } = 1024;

    // Run the input-free ops first and keep what they pass on (see PlanBuilder.Build); used through
    // CompiledFunction.Prepare and RunPrepared.
    internal bool HoistInputFree { get; init; }
}
