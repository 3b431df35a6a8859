namespace NeuroScope.Diagnostics;

/// <summary>
/// Eigenvalues and eigenvectors of a small symmetric tridiagonal matrix by the implicit QL method with Wilkinson-type
/// shifts (EISPACK's tql2, as in the public-domain JAMA library), for the Lanczos method's projected matrix.
/// </summary>
internal static class TridiagonalEigen
{
    /// <summary>
    /// Diagonalizes the m×m tridiagonal matrix with <paramref name="diagonal"/> and <paramref name="offDiagonal"/>
    /// (offDiagonal[i] at (i, i+1); m − 1 entries): returns the eigenvalues in ascending order and the matrix whose
    /// column j is the unit eigenvector of eigenvalue j.
    /// </summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[] diagonal, double[] offDiagonal)
    {
        int n = diagonal.Length;
        if (offDiagonal.Length != Math.Max(0, n - 1))
            throw new ArgumentException($"A {n}×{n} tridiagonal matrix needs {Math.Max(0, n - 1)} off-diagonal entries, got {offDiagonal.Length}.", nameof(offDiagonal));
        var d = (double[])diagonal.Clone();
        var e = new double[n];
        Array.Copy(offDiagonal, e, offDiagonal.Length);
        var v = new double[n, n];
        for (int i = 0; i < n; i++)
            v[i, i] = 1.0;

        double f = 0.0, scale = 0.0;
        const double Eps = 2.220446049250313e-16;
        for (int l = 0; l < n; l++)
        {
            // Split off at the first negligible off-diagonal entry at or after l.
            scale = Math.Max(scale, Math.Abs(d[l]) + Math.Abs(e[l]));
            int m = l;
            while (m < n && Math.Abs(e[m]) > Eps * scale)
                m++;
            if (m > l)
            {
                int iterations = 0;
                do
                {
                    if (++iterations > 30 * n + 30)
                        throw new InvalidOperationException("The tridiagonal QL iteration did not converge; the Lanczos matrix contains non-finite values.");

                    // Implicit shift from the leading 2×2 block.
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = Hypot(p, 1.0);
                    if (p < 0)
                        r = -r;
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++)
                        d[i] -= h;
                    f += h;

                    // The QL sweep by plane rotations, chasing the bulge from m up to l.
                    p = d[m];
                    double c = 1.0, c2 = c, c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0, s2 = 0.0;
                    for (int i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++)
                        {
                            h = v[k, i + 1];
                            v[k, i + 1] = s * v[k, i] + c * h;
                            v[k, i] = c * v[k, i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > Eps * scale);
            }
            d[l] += f;
            e[l] = 0.0;
        }

        SortAscending(d, v);
        return (d, v);
    }

    // Math.Sqrt(a² + b²) without overflow or underflow of the squares.
    private static double Hypot(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        if (a < b)
            (a, b) = (b, a);
        if (a == 0)
            return 0;
        double ratio = b / a;
        return a * Math.Sqrt(1 + ratio * ratio);
    }

    private static void SortAscending(double[] values, double[,] vectors)
    {
        int n = values.Length;
        for (int i = 0; i < n - 1; i++)
        {
            int smallest = i;
            for (int j = i + 1; j < n; j++)
            {
                if (values[j] < values[smallest])
                    smallest = j;
            }
            if (smallest == i)
                continue;
            (values[i], values[smallest]) = (values[smallest], values[i]);
            for (int k = 0; k < n; k++)
                (vectors[k, i], vectors[k, smallest]) = (vectors[k, smallest], vectors[k, i]);
        }
    }
}
