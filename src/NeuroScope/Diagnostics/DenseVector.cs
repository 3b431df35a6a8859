using System.Numerics;
using System.Numerics.Tensors;

namespace NeuroScope.Diagnostics;

/// <summary>Double-precision vector arithmetic for the iterative eigen-solvers, which accumulate in double whatever the parameters' type.</summary>
internal static class DenseVector
{
    public static double Dot(double[] a, double[] b) => TensorPrimitives.Dot<double>(a, b);

    public static double Norm(double[] a) => TensorPrimitives.Norm<double>(a);

    /// <summary>y ← y + alpha·x.</summary>
    public static void AddScaled(double[] y, double alpha, double[] x)
    {
        for (int i = 0; i < y.Length; i++)
            y[i] += alpha * x[i];
    }

    public static void Scale(double[] a, double factor) => TensorPrimitives.Multiply<double>(a, factor, a);

    /// <summary>Removes from <paramref name="w"/> its components along the orthonormal <paramref name="basis"/>[0..count); by two passes of Gram–Schmidt, since one pass loses orthogonality in floating point ("twice is enough", Parlett).</summary>
    public static void Orthogonalize(double[] w, double[][] basis, int count)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < count; i++)
                AddScaled(w, -Dot(basis[i], w), basis[i]);
        }
    }

    public static double[] Gaussian(int length, Random random)
    {
        var v = new double[length];
        for (int i = 0; i < length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            v[i] = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return v;
    }

    public static double[] FromTensor<T>(Tensor<T> tensor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new double[tensor.Length];
        var data = tensor.Data;
        for (int i = 0; i < result.Length; i++)
            result[i] = double.CreateTruncating(data[i]);
        return result;
    }

    public static Tensor<T> ToTensor<T>(double[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[values.Length];
        for (int i = 0; i < data.Length; i++)
            data[i] = T.CreateTruncating(values[i]);
        return new Tensor<T>(data, [data.Length]);
    }
}
