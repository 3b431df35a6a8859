using System.Numerics;

namespace NeuroScope.Tests.Autodiff;

using Autograd = NeuroScope.Autograd;

/// <summary>
/// Values, gradients and second derivatives of composite functions, run in <typeparamref name="T"/> and held
/// to that type's tolerance against closed forms evaluated in double at the same (rounded) inputs.
/// </summary>
public abstract class CompositeFunctionPrecisionTests<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The largest error allowed, relative to max(1, |expected|).</summary>
    protected abstract double Tolerance { get; }

    private static Tensor<T> Input(int seed, double low, double high, params int[] shape) =>
        Tensor.Uniform(shape, T.CreateTruncating(low), T.CreateTruncating(high), seed);

    private static double[] Values(Tensor<T> t) => t.ToDouble().ToArray();

    private void AssertClose(double expected, double actual, string what)
    {
        double error = Math.Abs(expected - actual) / Math.Max(1.0, Math.Abs(expected));
        Assert.True(error <= Tolerance, $"{what} ({typeof(T).Name}): expected {expected:R}, got {actual:R}, error {error:E2} > {Tolerance:E0}");
    }

    private void AssertAllClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            AssertClose(expected[i], actual[i], $"{what}[{i}]");
    }

    [Fact]
    public void TanhLayer_ValueGradientsAndHessianVector_MatchClosedForms()
    {
        // f = Σ_j v_j·t_j with t = tanh(x·W), x [1, 3], W [3, 4]:
        // ∂f/∂x_i = Σ_j W_ij v_j (1 − t_j²), ∂f/∂W_ij = x_i v_j (1 − t_j²),
        // (H_xx u)_i = Σ_j W_ij v_j (−2 t_j (1 − t_j²)) (Σ_k W_kj u_k).
        var x = Input(1, -1.0, 1.0, 1, 3).RequireGrad();
        var w = Input(2, -1.0, 1.0, 3, 4).RequireGrad();
        var v = Input(3, -2.0, 2.0, 4);
        var u = Input(4, -1.0, 1.0, 1, 3);
        double[] xd = Values(x), wd = Values(w), vd = Values(v), ud = Values(u);
        double value = 0;
        var gradX = new double[3];
        var gradW = new double[12];
        var hessianVector = new double[3];
        for (int j = 0; j < 4; j++)
        {
            double s = 0, wu = 0;
            for (int i = 0; i < 3; i++)
            {
                s += xd[i] * wd[i * 4 + j];
                wu += wd[i * 4 + j] * ud[i];
            }
            double t = Math.Tanh(s), dt = 1 - t * t;
            value += vd[j] * t;
            for (int i = 0; i < 3; i++)
            {
                gradX[i] += wd[i * 4 + j] * vd[j] * dt;
                gradW[i * 4 + j] = xd[i] * vd[j] * dt;
                hessianVector[i] += wd[i * 4 + j] * vd[j] * (-2 * t * dt) * wu;
            }
        }

        var f = (x.MatMul(w).Tanh() * v).Sum();
        var gradients = Autograd.Grad([f], [x, w], createGraph: true);
        var hv = Autograd.Grad((gradients[0] * u).Sum(), x);

        AssertClose(value, double.CreateTruncating(f.Item()), "f");
        AssertAllClose(gradX, Values(gradients[0]), "∂f/∂x");
        AssertAllClose(gradW, Values(gradients[1]), "∂f/∂W");
        AssertAllClose(hessianVector, Values(hv), "H·u");
    }

    [Fact]
    public void GaussianWeighted_ValueFirstAndSecondDerivatives_MatchClosedForms()
    {
        // f = x·e^(−x²): f' = (1 − 2x²)e^(−x²), f'' = (4x³ − 6x)e^(−x²).
        var x = Input(5, -2.0, 2.0, 7).RequireGrad();
        double[] xd = Values(x);

        var y = x * x.Square().Neg().Exp();
        var first = Autograd.Grad(y.Sum(), x, createGraph: true);
        var second = Autograd.Grad(first.Sum(), x);

        AssertAllClose(Array.ConvertAll(xd, a => a * Math.Exp(-a * a)), Values(y), "f");
        AssertAllClose(Array.ConvertAll(xd, a => (1 - 2 * a * a) * Math.Exp(-a * a)), Values(first), "f'");
        AssertAllClose(Array.ConvertAll(xd, a => (4 * a * a * a - 6 * a) * Math.Exp(-a * a)), Values(second), "f''");
    }

    [Fact]
    public void SigmoidTimesSquare_ValueFirstAndSecondDerivatives_MatchClosedForms()
    {
        // f = σ(x)·x² with σ' = σ(1 − σ), σ'' = σ'(1 − 2σ): f' = σ'x² + 2xσ, f'' = σ''x² + 4xσ' + 2σ.
        var x = Input(6, -3.0, 3.0, 2, 3).RequireGrad();
        double[] xd = Values(x);
        static double Sigmoid(double a) => 1 / (1 + Math.Exp(-a));
        static double Sigmoid1(double a) => Sigmoid(a) * (1 - Sigmoid(a));
        static double Sigmoid2(double a) => Sigmoid1(a) * (1 - 2 * Sigmoid(a));

        var y = x.Sigmoid() * x.Square();
        var first = Autograd.Grad(y.Sum(), x, createGraph: true);
        var second = Autograd.Grad(first.Sum(), x);

        AssertAllClose(Array.ConvertAll(xd, a => Sigmoid(a) * a * a), Values(y), "f");
        AssertAllClose(Array.ConvertAll(xd, a => Sigmoid1(a) * a * a + 2 * a * Sigmoid(a)), Values(first), "f'");
        AssertAllClose(Array.ConvertAll(xd, a => Sigmoid2(a) * a * a + 4 * a * Sigmoid1(a) + 2 * Sigmoid(a)), Values(second), "f''");
    }

    [Fact]
    public void BroadcastQuadratic_GradientsAndHessianVector_MatchClosedForms()
    {
        // f = Σ_ij r_ij² with r_ij = a_i·b_j + c_j, a [3, 1], b [1, 4], c [4]:
        // ∂f/∂a_i = Σ_j 2r_ij b_j, ∂f/∂b_j = Σ_i 2r_ij a_i, ∂f/∂c_j = Σ_i 2r_ij, and (H_aa u)_i = 2u_i Σ_j b_j².
        var a = Input(7, -1.0, 1.0, 3, 1).RequireGrad();
        var b = Input(8, -1.0, 1.0, 1, 4).RequireGrad();
        var c = Input(9, -1.0, 1.0, 4).RequireGrad();
        var u = Input(10, -1.0, 1.0, 3, 1);
        double[] ad = Values(a), bd = Values(b), cd = Values(c), ud = Values(u);
        double value = 0, bSquares = 0;
        double[] gradA = new double[3], gradB = new double[4], gradC = new double[4], hessianVector = new double[3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                double r = ad[i] * bd[j] + cd[j];
                value += r * r;
                gradA[i] += 2 * r * bd[j];
                gradB[j] += 2 * r * ad[i];
                gradC[j] += 2 * r;
            }
        }
        foreach (double bj in bd)
            bSquares += bj * bj;
        for (int i = 0; i < 3; i++)
            hessianVector[i] = 2 * ud[i] * bSquares;

        var f = (a * b + c).Square().Sum();
        var gradients = Autograd.Grad([f], [a, b, c], createGraph: true);
        var hv = Autograd.Grad((gradients[0] * u).Sum(), a);

        AssertClose(value, double.CreateTruncating(f.Item()), "f");
        AssertAllClose(gradA, Values(gradients[0]), "∂f/∂a");
        AssertAllClose(gradB, Values(gradients[1]), "∂f/∂b");
        AssertAllClose(gradC, Values(gradients[2]), "∂f/∂c");
        AssertAllClose(hessianVector, Values(hv), "H·u");
    }

    [Fact]
    public void MeanSquaredLinearFit_Gradient_MatchesHandDerivedFormula()
    {
        // L = mean((X·w − y)²) over n rows: ∇L = (2/n)·Xᵀ(X·w − y).
        const int Rows = 6, Features = 3;
        var xs = Input(11, -1.0, 1.0, Rows, Features);
        var w = Input(12, -1.0, 1.0, Features, 1).RequireGrad();
        var y = Input(13, -1.0, 1.0, Rows, 1);
        double[] xd = Values(xs), wd = Values(w), yd = Values(y);
        var expected = new double[Features];
        for (int r = 0; r < Rows; r++)
        {
            double residual = -yd[r];
            for (int k = 0; k < Features; k++)
                residual += xd[r * Features + k] * wd[k];
            for (int k = 0; k < Features; k++)
                expected[k] += 2.0 / Rows * xd[r * Features + k] * residual;
        }

        var gradient = Autograd.Grad((xs.MatMul(w) - y).Square().Mean(), w);

        AssertAllClose(expected, Values(gradient), "∇L");
    }
}

public sealed class FloatCompositeFunctionPrecisionTests : CompositeFunctionPrecisionTests<float>
{
    // A few float roundings per term on O(1) values; a wrong rule is off by O(1).
    protected override double Tolerance => 2e-5;
}

public sealed class DoubleCompositeFunctionPrecisionTests : CompositeFunctionPrecisionTests<double>
{
    protected override double Tolerance => 1e-12;
}
