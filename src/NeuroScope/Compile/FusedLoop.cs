using System.Linq.Expressions;
using System.Numerics;
using System.Reflection;

namespace NeuroScope.Compile;

/// <summary>
/// Generates one loop for a chain of element-wise ops of one length: each element goes through the whole chain in
/// registers, and only the values read after the chain are stored. Built with expression trees and compiled once.
/// </summary>
internal static class FusedLoop<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Whether <paramref name="node"/> has an exact scalar form (see <see cref="ScalarOps{T}"/>).</summary>
    public static bool HasScalarForm(TraceNode<T> node) => node.Op switch
    {
        OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Greater or OpCode.GreaterEqual or OpCode.Less
            or OpCode.LessEqual or OpCode.Equal or OpCode.Where or OpCode.Neg or OpCode.AddScalar or OpCode.MulScalar
            or OpCode.DivScalar or OpCode.DivideInto or OpCode.GreaterScalar or OpCode.GreaterEqualScalar or OpCode.LessScalar
            or OpCode.LessEqualScalar or OpCode.EqualScalar or OpCode.Sign or OpCode.Clamp or OpCode.Relu or OpCode.Abs
            or OpCode.Sqrt or OpCode.Step or OpCode.Copy or OpCode.BroadcastTo => true,
        // x² is a multiply and x¹ a copy in the op's own kernel; other powers go through TensorPrimitives.Pow.
        OpCode.Pow => node.Scalar == T.CreateTruncating(2) || node.Scalar == T.One,
        _ => false,
    };

    /// <summary>Compiles the chain <paramref name="nodes"/> (all of output length <paramref name="length"/>) into one loop.</summary>
    /// <param name="nodes">The chain, in program order.</param>
    /// <param name="length">The element count of every output in the chain.</param>
    /// <param name="storage">For each value id, the array holding it, or null for values that live only inside the chain.</param>
    /// <param name="lengthOf">The element count of a value.</param>
    /// <param name="rootOf">The value whose storage a value shares (itself, or what a reshape views).</param>
    public static Action Compile(IReadOnlyList<TraceNode<T>> nodes, int length, Func<int, T[]?> storage, Func<int, int> lengthOf, Func<int, int> rootOf)
    {
        var locals = new List<ParameterExpression>();
        var prologue = new List<Expression>();
        var body = new List<Expression>();
        var index = Expression.Variable(typeof(int), "i");
        locals.Add(index);
        Expression at = length == 1 ? Expression.Constant(0) : index;

        var arrays = new Dictionary<T[], ParameterExpression>(ReferenceEqualityComparer.Instance);
        ParameterExpression ArrayOf(T[] array)
        {
            if (!arrays.TryGetValue(array, out var variable))
            {
                // Arrays are loaded into locals once, so the loop does not reach through the closure for them.
                variable = Expression.Variable(typeof(T[]), "a" + arrays.Count);
                locals.Add(variable);
                prologue.Add(Expression.Assign(variable, Expression.Constant(array)));
                arrays[array] = variable;
            }
            return variable;
        }

        var inChain = new Dictionary<int, ParameterExpression>();
        var hoisted = new Dictionary<int, ParameterExpression>();
        Expression Read(int value)
        {
            value = rootOf(value);
            if (inChain.TryGetValue(value, out var local))
                return local;
            var array = ArrayOf(storage(value) ?? throw new InvalidOperationException($"value {value} read by a fused loop has no storage"));
            if (lengthOf(value) != 1 || length == 1)
                return Expression.ArrayAccess(array, at);
            // A one-element operand broadcasts: read it once, before the loop.
            if (!hoisted.TryGetValue(value, out var scalar))
            {
                scalar = Expression.Variable(typeof(T), "s" + hoisted.Count);
                locals.Add(scalar);
                prologue.Add(Expression.Assign(scalar, Expression.ArrayIndex(array, Expression.Constant(0))));
                hoisted[value] = scalar;
            }
            return scalar;
        }

        foreach (var node in nodes)
        {
            var result = Expression.Variable(typeof(T), "v" + node.Output);
            locals.Add(result);
            body.Add(Expression.Assign(result, Element(node, Read)));
            inChain[node.Output] = result;
            if (storage(node.Output) is { } output)
                body.Add(Expression.Assign(Expression.ArrayAccess(ArrayOf(output), at), result));
        }

        Expression loop;
        if (length == 1)
        {
            loop = Expression.Block(body);
        }
        else
        {
            var end = Expression.Label("end");
            loop = Expression.Block(
                Expression.Assign(index, Expression.Constant(0)),
                Expression.Loop(
                    Expression.IfThenElse(
                        Expression.LessThan(index, Expression.Constant(length)),
                        Expression.Block(body.Append(Expression.PreIncrementAssign(index))),
                        Expression.Break(end)),
                    end));
        }
        var block = Expression.Block(typeof(void), locals, prologue.Append(loop));
        return Expression.Lambda<Action>(block).Compile();
    }

    private static Expression Element(TraceNode<T> node, Func<int, Expression> read)
    {
        var inputs = node.Inputs;
        Expression Scalar(T value) => Expression.Constant(value, typeof(T));
        return node.Op switch
        {
            OpCode.Add or OpCode.Sub or OpCode.Mul or OpCode.Div or OpCode.Greater or OpCode.GreaterEqual
                or OpCode.Less or OpCode.LessEqual or OpCode.Equal => Call(OpNames.Of(node.Op), read(inputs[0]), read(inputs[1])),
            OpCode.Where => Call(nameof(ScalarOps<T>.Where), read(inputs[0]), read(inputs[1]), read(inputs[2])),
            OpCode.Neg => Call(nameof(ScalarOps<T>.Neg), read(inputs[0])),
            OpCode.AddScalar => Call(nameof(ScalarOps<T>.Add), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.MulScalar => Call(nameof(ScalarOps<T>.Mul), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.DivScalar => Call(nameof(ScalarOps<T>.Div), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.DivideInto => Call(nameof(ScalarOps<T>.Div), Scalar(node.Scalar), read(inputs[0])),
            OpCode.GreaterScalar => Call(nameof(ScalarOps<T>.Greater), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.GreaterEqualScalar => Call(nameof(ScalarOps<T>.GreaterEqual), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.LessScalar => Call(nameof(ScalarOps<T>.Less), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.LessEqualScalar => Call(nameof(ScalarOps<T>.LessEqual), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.EqualScalar => Call(nameof(ScalarOps<T>.Equal), read(inputs[0]), Scalar(node.Scalar)),
            OpCode.Clamp => Call(nameof(ScalarOps<T>.Clamp), read(inputs[0]), Scalar(node.Scalar), Scalar(node.Scalar2)),
            OpCode.Pow => node.Scalar == T.One
                ? Call(nameof(ScalarOps<T>.Identity), read(inputs[0]))
                : Call(nameof(ScalarOps<T>.Mul), read(inputs[0]), read(inputs[0])),
            OpCode.Copy or OpCode.BroadcastTo => Call(nameof(ScalarOps<T>.Identity), read(inputs[0])),
            OpCode.Sign or OpCode.Relu or OpCode.Abs or OpCode.Sqrt or OpCode.Step => Call(OpNames.Of(node.Op), read(inputs[0])),
            _ => throw new InvalidOperationException($"{OpNames.Of(node.Op)} has no scalar form"),
        };
    }

    private static MethodCallExpression Call(string name, params Expression[] arguments) =>
        Expression.Call(typeof(ScalarOps<T>).GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, arguments);
}
