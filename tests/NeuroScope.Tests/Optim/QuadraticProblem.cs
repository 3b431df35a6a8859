using System.Numerics;
using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

/// <summary>f(p) = Σ (p − c)², whose gradient is 2(p − c): a problem small enough to follow every update by hand.</summary>
internal static class QuadraticProblem
{
    public static readonly double[] Start = [1.0, -2.0, 0.5];
    public static readonly double[] Center = [0.5, 1.0, -1.5];

    public static double Gradient(double p, int i) => 2 * (p - Center[i]);

    /// <summary>Runs <paramref name="steps"/> optimizer steps with gradients from autodiff and returns p after each.</summary>
    public static double[][] Run<T>(Func<Tensor<T>, Optimizer<T>> create, int steps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var p = Tensor.FromArray(Convert<T>(Start), Start.Length).RequireGrad();
        var c = Tensor.FromArray(Convert<T>(Center), Center.Length);
        var optimizer = create(p);
        var trajectory = new double[steps][];
        for (int s = 0; s < steps; s++)
        {
            optimizer.ZeroGrad();
            (p - c).Square().Sum().Backward();
            optimizer.Step();
            trajectory[s] = p.ToDouble().ToArray();
        }
        return trajectory;
    }

    public static T[] Convert<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = T.CreateTruncating(values[i]);
        return result;
    }

    public static void AssertClose(double[][] expected, double[][] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int s = 0; s < expected.Length; s++)
            for (int i = 0; i < expected[s].Length; i++)
                Assert.True(Math.Abs(expected[s][i] - actual[s][i]) <= tolerance * Math.Max(1, Math.Abs(expected[s][i])),
                    $"step {s + 1}, element {i}: expected {expected[s][i]}, got {actual[s][i]}");
    }
}
