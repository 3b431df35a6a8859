using System.Numerics;
using NeuroScope.Nn;

namespace NeuroScope.Bench;

/// <summary>
/// The seeded inputs and initial weights the workloads share, so the engine, the hand-written loops and the libtorch
/// side all start from the same numbers.
/// </summary>
internal static class Inputs
{
    /// <summary>W2's 100 integers drawn from 0..9 (seed 0).</summary>
    public static float[] CopyIntegers()
    {
        var random = new Random(0);
        var x = new float[100];
        for (int i = 0; i < x.Length; i++)
            x[i] = random.Next(0, 10);
        return x;
    }

    /// <summary>W3's 25,000 values drawn uniformly from [0, 10) (seed 0).</summary>
    public static float[] CopyUniform()
    {
        var random = new Random(0);
        var x = new float[25_000];
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(random.NextDouble() * 10.0);
        return x;
    }

    /// <summary>W4's and W6's MLP (1 input, tanh hidden layers, 1 output): a seeded Xavier-uniform draw of the weights, biases 0.</summary>
    public static Mlp<T> XavierMlp<T>(int[] hidden, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var model = new Mlp<T>(1, hidden, 1, Activation.Tanh, random);
        foreach (var layer in model.Layers)
        {
            Init.XavierUniform(layer.Weight, random);
            Init.Zeros(layer.Bias!);
        }
        return model;
    }

    /// <summary>W4's and W6's training points: <paramref name="count"/> points evenly spaced on [-π, π] as a column, and sin of them.</summary>
    public static (Tensor<T> X, Tensor<T> Y) SinePoints<T>(int count) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = Tensor.Linspace(-T.Pi, T.Pi, count).Reshape(-1, 1);
        return (x, x.Sin());
    }

    /// <summary>
    /// The first start vector of W4's power iteration: what the engine's <c>Hessian.PowerIteration</c> draws when it
    /// has no warm start (standard normal by Box–Muller from seed 0, normalized); later estimates start from the last eigenvector.
    /// </summary>
    public static double[] PowerIterationStart(int length)
    {
        var random = new Random(0);
        var v = new double[length];
        double norm = 0;
        for (int i = 0; i < length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            v[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            norm += v[i] * v[i];
        }
        double scale = 1.0 / Math.Sqrt(norm);
        for (int i = 0; i < length; i++)
            v[i] *= scale;
        return v;
    }
}
