using System.Numerics;

namespace NeuroScope.Compile;

/// <summary>
/// Compiles a function of tensors into a step that replays it: the function runs once, traced, for the shapes of
/// the inputs it is given; the ops it ran (its backward passes included) become a plan with fused element-wise
/// loops and buffers planned once; each later call copies the new inputs in and runs the plan without allocating.
/// </summary>
public static class Compiler
{
    /// <summary>Compiles <paramref name="function"/>; it is traced on the first <see cref="CompiledFunction{T}.Run"/>.</summary>
    /// <param name="function">
    /// Maps input tensors to output tensors with tensor operations. It may take gradients of any order with
    /// <see cref="Autograd.Grad{T}(IReadOnlyList{Tensor{T}}, IReadOnlyList{Tensor{T}}, IReadOnlyList{Tensor{T}?}?, bool)"/>
    /// and return them. Tensors it captures (parameters, constants) are read in place on every call, so in-place
    /// updates to them (an optimizer step) are seen. It must not read values (<c>Item()</c>, <c>ToArray()</c>) or branch on
    /// them: a data-dependent choice is written with <see cref="Tensor.Where{T}"/>.
    /// </param>
    /// <param name="options">Tracing and planning options; null for the defaults.</param>
    public static CompiledFunction<T> Compile<T>(Func<Tensor<T>[], Tensor<T>[]> function, CompileOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        return new CompiledFunction<T>(function, options ?? new CompileOptions());
    }
}
