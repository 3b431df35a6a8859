namespace NeuroScope.Tests.Diagnostics;

/// <summary>Dense reference computations on explicit matrices, independent of the engine's iterative solvers.</summary>
internal static class ExplicitMatrices
{
    /// <summary>All eigenvalues of a symmetric matrix by the cyclic Jacobi method, in descending order.</summary>
    public static double[] JacobiEigenvalues(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++)
                for (int q = p + 1; q < n; q++)
                    off += a[p, q] * a[p, q];
            if (off < 1e-30)
                break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0)
                        continue;
                    // The rotation angle that zeroes a[p, q]: tan 2φ = 2a_pq / (a_qq − a_pp).
                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = c * akp - s * akq;
                        a[k, q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = c * apk - s * aqk;
                        a[q, k] = s * apk + c * aqk;
                    }
                }
            }
        }
        var values = new double[n];
        for (int i = 0; i < n; i++)
            values[i] = a[i, i];
        Array.Sort(values);
        Array.Reverse(values);
        return values;
    }

    /// <summary>A random symmetric matrix with entries drawn uniformly from [−1, 1).</summary>
    public static double[,] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                a[i, j] = a[j, i] = 2 * random.NextDouble() - 1;
        return a;
    }

    /// <summary>Av for an explicit matrix.</summary>
    public static double[] Multiply(double[,] a, ReadOnlySpan<double> v)
    {
        int n = a.GetLength(0);
        var result = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < v.Length; j++)
                result[i] += a[i, j] * v[j];
        return result;
    }

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    public static double Trace(double[,] a)
    {
        double sum = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            sum += a[i, i];
        return sum;
    }
}
