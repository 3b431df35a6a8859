using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>
/// Converts between a list of parameter tensors and one flat vector over all of them (their elements
/// concatenated in list order, each in row-major order): the representation every curvature diagnostic uses.
/// </summary>
public static class ParameterVector
{
    /// <summary>The total number of elements n = Σ |θᵢ| of the tensors.</summary>
    public static int TotalLength<T>(IReadOnlyList<Tensor<T>> tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensors);
        long total = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            if (tensors[i] is null)
                throw new ArgumentException($"tensors[{i}] is null; every entry must be a tensor.", nameof(tensors));
            total += tensors[i].Length;
        }
        if (total > int.MaxValue)
            throw new ArgumentException($"The tensors hold {total} elements in all, more than one flat vector can hold ({int.MaxValue}).", nameof(tensors));
        return (int)total;
    }

    /// <summary>A new vector of shape [n] holding the elements of all <paramref name="tensors"/> in order (a copy, cut from the graph).</summary>
    public static Tensor<T> Flatten<T>(IReadOnlyList<Tensor<T>> tensors) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[TotalLength(tensors)];
        int offset = 0;
        for (int i = 0; i < tensors.Count; i++)
        {
            tensors[i].Data.CopyTo(data, offset);
            offset += tensors[i].Length;
        }
        return new Tensor<T>(data, [data.Length]);
    }

    /// <summary>Splits a flat vector into new tensors shaped like <paramref name="like"/> (copies, cut from the graph); the inverse of <see cref="Flatten{T}"/>.</summary>
    public static Tensor<T>[] Unflatten<T>(Tensor<T> vector, IReadOnlyList<Tensor<T>> like) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(vector);
        RequireLength(vector, TotalLength(like), nameof(vector));
        var parts = new Tensor<T>[like.Count];
        int offset = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            int length = like[i].Length;
            parts[i] = new Tensor<T>(vector.Data.AsSpan(offset, length).ToArray(), (int[])like[i].Dims.Clone());
            offset += length;
        }
        return parts;
    }

    // One message for every diagnostic that takes a flat vector, so a wrong length always explains the layout.
    internal static void RequireLength<T>(Tensor<T> vector, int expected, string parameterName) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (vector.Length != expected)
            throw new ArgumentException(
                $"{parameterName} has {vector.Length} elements (shape {ShapeUtil.Format(vector.Dims)}) but the parameters have {expected} in all; " +
                "pass one flat vector over all parameters, concatenated in order (see ParameterVector.Flatten).", parameterName);
    }
}
