namespace NeuroScope.Experiments.Fit;

/// <summary>
/// The solution of u'' + k²u = g on [a, b] with u(a), u(b) given, by second-order central differences on a fine
/// grid (tridiagonal, Thomas algorithm): the reference a 1-D PINN is compared with when no exact formula is given.
/// </summary>
internal static class ReferenceSolution
{
    public const int Nodes = 8001;

    public static Func<double, double, double> Solve(double a, double b, double left, double right, double wavenumberSquared, Func<double, double> rhs)
    {
        int n = Nodes;
        double h = (b - a) / (n - 1);
        int m = n - 2;
        var diagonal = new double[m];
        var right_ = new double[m];
        double off = 1.0 / (h * h);
        for (int i = 0; i < m; i++)
        {
            double x = a + (i + 1) * h;
            diagonal[i] = -2.0 / (h * h) + wavenumberSquared;
            right_[i] = rhs(x);
        }
        right_[0] -= off * left;
        right_[m - 1] -= off * right;
        // Thomas algorithm: forward elimination, back substitution.
        var c = new double[m];
        var d = new double[m];
        c[0] = off / diagonal[0];
        d[0] = right_[0] / diagonal[0];
        for (int i = 1; i < m; i++)
        {
            double denominator = diagonal[i] - off * c[i - 1];
            c[i] = off / denominator;
            d[i] = (right_[i] - off * d[i - 1]) / denominator;
        }
        var u = new double[n];
        u[0] = left;
        u[n - 1] = right;
        u[m] = d[m - 1];
        for (int i = m - 2; i >= 0; i--)
            u[i + 1] = d[i] - c[i] * u[i + 2];
        return (x, _) =>
        {
            if (x < a || x > b)
                return double.NaN;
            double position = (x - a) / h;
            int i = Math.Min((int)position, n - 2);
            double t = position - i;
            return u[i] * (1 - t) + u[i + 1] * t;
        };
    }
}
