namespace NeuroScope.Compile;

/// <summary>How <see cref="Compiler.Compile{T}(Func{Tensor{T}[], Tensor{T}[]}, CompileOptions?)"/> traces and plans a function.</summary>
public sealed record CompileOptions
{
    /// <summary>When an input's shape differs from every traced one: trace again for the new shapes (true), or throw naming the input (false).</summary>
    public bool RetraceOnShapeChange { get; init; } = true;

    /// <summary>
    /// Fuse chains of element-wise ops: short ones into generated loops, long ones (and a matrix multiply with the
    /// element-wise ops that follow it, such as a bias and an activation) into blocked passes; off runs every op as its
    /// own kernel pass.
    /// </summary>
    public bool Fuse { get; init; } = true;

    /// <summary>
    /// The longest tensor (in elements) whose chains of exact element-wise ops become generated loops. A generated
    /// loop is scalar; above this length the ops' own SIMD kernels are faster, so such chains run as blocked passes,
    /// each op's kernel on one cache-sized block after another.
    /// </summary>
    public int FuseMaxLength { get; init; } = 1024;

    // About how many elements one block of a blocked pass holds: a few such blocks of floats stay in a core's L2.
    internal int BlockElements { get; init; } = 16384;

    // Run the input-free ops first and keep what they pass on (see PlanBuilder.Build); used through
    // CompiledFunction.Prepare and RunPrepared.
    internal bool HoistInputFree { get; init; }
}
