namespace NeuroScope.Compile;

/// <summary>The primitive operations a trace records: every tensor the engine makes comes from one of these.</summary>
internal enum OpCode
{
    // Element-wise with NumPy broadcasting.
    Add, Sub, Mul, Div, Greater, GreaterEqual, Less, LessEqual, Equal, Where,
    // Element-wise with a scalar operand held in the node.
    Neg, AddScalar, MulScalar, DivScalar, DivideInto, Pow,
    GreaterScalar, GreaterEqualScalar, LessScalar, LessEqualScalar, EqualScalar, Sign, Clamp,
    // Element-wise through a span kernel.
    Exp, Log, Sqrt, Abs, Sin, Cos, Tanh, Sigmoid, Relu, Softplus, Step,
    // Reductions, products and data movement.
    Sum, SumAxis, Max, MaxAxis, MatMul, Reshape, Copy, Transpose, BroadcastTo, SumTo, Slice, Embed,
    IndexRows, IndexAddRows, Concat,
    // A loop whose body is a plan of its own (see Scan).
    Scan,
}

/// <summary>Op names for messages, made once so that naming an op costs nothing on the hot path.</summary>
internal static class OpNames
{
    private static readonly string[] Names = Enum.GetNames<OpCode>();

    public static string Of(OpCode op) => Names[(int)op];
}
