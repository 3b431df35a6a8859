namespace NeuroScope.Tests.Autodiff;

using Autograd = NeuroScope.Autograd;

public class NestedDerivativeTests
{
    private static Tensor<double> Leaf(double value) => Tensor.Scalar(value).RequireGrad();

    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(1.0, -7.0)]
    [InlineData(3.0, 0.5)]
    public void PerturbationConfusion_OuterDerivativeSeesInnerDerivativeAsFunctionOfX(double xValue, double yValue)
    {
        // d/dy (x·y) = x, so d/dx [x · x] = 2x whatever y is; confusing the two perturbations would give x.
        var x = Leaf(xValue);
        var y = Leaf(yValue);

        var inner = Autograd.Grad(x * y, y, createGraph: true);
        var outer = Autograd.Grad(x * inner, x);

        Assert.Equal(xValue, inner.Item());
        Assert.Equal(2 * xValue, outer.Item());
    }

    [Fact]
    public void PerturbationConfusion_InnerGradientWithoutCreateGraph_IsAConstant()
    {
        // Without createGraph the inner derivative is the number x, so d/dx [x · c] = c = x.
        var x = Leaf(1.5);
        var y = Leaf(2.0);

        var inner = Autograd.Grad(x * y, y);
        var outer = Autograd.Grad(x * inner, x);

        Assert.False(inner.RequiresGrad);
        Assert.Equal(1.5, outer.Item());
    }

    private static Tensor<double> Rosenbrock(Tensor<double> p)
    {
        var x = p.Slice(0, 0, 1);
        var y = p.Slice(0, 1, 1);
        return ((1.0 - x).Square() + 100.0 * (y - x.Square()).Square()).Sum();
    }

    [Theory]
    [InlineData(1.0, 1.0, 1.0, 0.0)]
    [InlineData(1.0, 1.0, 0.0, 1.0)]
    [InlineData(-1.2, 1.0, 0.3, -0.7)]
    [InlineData(0.5, -0.25, 2.0, 1.5)]
    [InlineData(2.0, 3.0, -1.0, 4.0)]
    public void Rosenbrock_HessianVectorProduct_MatchesAnalyticHessian(double x, double y, double vx, double vy)
    {
        // f = (1 − x)² + 100(y − x²)²: f_xx = 2 − 400y + 1200x², f_xy = −400x, f_yy = 200.
        var p = Tensor.FromArray([x, y]).RequireGrad();
        var v = Tensor.FromArray([vx, vy]);
        double hxx = 2 - 400 * y + 1200 * x * x, hxy = -400 * x, hyy = 200;

        var gradient = Autograd.Grad(Rosenbrock(p), p, createGraph: true);
        var hessianVector = Autograd.Grad(gradient.Dot(v), p).ToArray();

        Assert.Equal(hxx * vx + hxy * vy, hessianVector[0], 1e-9);
        Assert.Equal(hxy * vx + hyy * vy, hessianVector[1], 1e-9);
    }

    [Theory]
    [InlineData(-1.2, 1.0)]
    [InlineData(0.5, -0.25)]
    public void Rosenbrock_Gradient_MatchesClosedForm(double x, double y)
    {
        // f_x = −2(1 − x) − 400x(y − x²), f_y = 200(y − x²).
        var p = Tensor.FromArray([x, y]).RequireGrad();

        var gradient = Autograd.Grad(Rosenbrock(p), p).ToArray();

        Assert.Equal(-2 * (1 - x) - 400 * x * (y - x * x), gradient[0], 1e-10);
        Assert.Equal(200 * (y - x * x), gradient[1], 1e-10);
    }

    [Fact]
    public void Rosenbrock_HessianVectorProduct_LeavesTheGradientGraphReusable()
    {
        // Two directions from one recorded gradient: together they give the full Hessian at the minimum (1, 1).
        var p = Tensor.FromArray([1.0, 1.0]).RequireGrad();
        var gradient = Autograd.Grad(Rosenbrock(p), p, createGraph: true);

        var firstColumn = Autograd.Grad(gradient.Dot(Tensor.FromArray([1.0, 0.0])), p).ToArray();
        var secondColumn = Autograd.Grad(gradient.Dot(Tensor.FromArray([0.0, 1.0])), p).ToArray();

        Assert.Equal([802.0, -400.0], firstColumn);
        Assert.Equal([-400.0, 200.0], secondColumn);
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(-0.7)]
    [InlineData(0.0)]
    [InlineData(0.3)]
    [InlineData(1.1)]
    [InlineData(2.5)]
    public void Tanh_FirstFourDerivatives_MatchClosedForms(double xValue)
    {
        // With t = tanh x and t' = 1 − t²: t'' = −2t t' = −2t(1 − t²); t''' = (−2 + 6t²)(1 − t²);
        // t'''' = d/dx(−2 + 8t² − 6t⁴) = (16t − 24t³)(1 − t²).
        double t = Math.Tanh(xValue), s = 1 - t * t;
        double[] expected = [s, -2 * t * s, (-2 + 6 * t * t) * s, (16 * t - 24 * t * t * t) * s];
        var x = Leaf(xValue);

        var derivatives = new double[4];
        var current = x.Tanh();
        for (int order = 0; order < 4; order++)
        {
            current = Autograd.Grad(current, x, createGraph: true);
            derivatives[order] = current.Item();
        }

        for (int order = 0; order < 4; order++)
            Assert.True(Math.Abs(expected[order] - derivatives[order]) <= 1e-12 * Math.Max(1, Math.Abs(expected[order])),
                $"derivative {order + 1} at x = {xValue}: expected {expected[order]}, got {derivatives[order]}");
    }

    [Fact]
    public void Tanh_FirstFourDerivatives_AtZero_AreTheTaylorCoefficients()
    {
        // tanh x = x − x³/3 + …: derivatives at 0 are 1, 0, −2, 0.
        var x = Leaf(0.0);

        var d1 = Autograd.Grad(x.Tanh(), x, createGraph: true);
        var d2 = Autograd.Grad(d1, x, createGraph: true);
        var d3 = Autograd.Grad(d2, x, createGraph: true);
        var d4 = Autograd.Grad(d3, x);

        Assert.Equal([1.0, 0.0, -2.0, 0.0], [d1.Item(), d2.Item(), d3.Item(), d4.Item()]);
    }

    [Theory]
    [InlineData(-1.3)]
    [InlineData(0.0)]
    [InlineData(0.8)]
    [InlineData(2.2)]
    public void Sin_ThroughTwoSinLayers_SecondDerivativeMatchesChainRule(double xValue)
    {
        // f = sin(a·sin(bx)): with u = a·sin(bx), u' = ab·cos(bx), u'' = −ab²·sin(bx),
        // f' = cos(u)·u', f'' = −sin(u)·u'² + cos(u)·u''.
        const double a = 1.7, b = 0.9;
        double u = a * Math.Sin(b * xValue), du = a * b * Math.Cos(b * xValue), ddu = -a * b * b * Math.Sin(b * xValue);
        double expectedFirst = Math.Cos(u) * du;
        double expectedSecond = -Math.Sin(u) * du * du + Math.Cos(u) * ddu;
        var x = Leaf(xValue);

        var first = Autograd.Grad(((x * b).Sin() * a).Sin(), x, createGraph: true);
        var second = Autograd.Grad(first, x);

        Assert.Equal(expectedFirst, first.Item(), 1e-13);
        Assert.Equal(expectedSecond, second.Item(), 1e-13);
    }

    [Fact]
    public void SinNetwork_TwoLayers_SecondDerivativeWithRespectToInput_MatchesChainRule()
    {
        // out = sin(sin(x·W1 + b1)·W2 + b2) for a batch of scalar inputs x (the PDE-residual use case).
        // With u_j = x·w1_j + b1_j and z = Σ_j sin(u_j)·w2_j + b2:
        // z' = Σ_j cos(u_j)·w1_j·w2_j, z'' = −Σ_j sin(u_j)·w1_j²·w2_j, out'' = −sin(z)·z'² + cos(z)·z''.
        const int Hidden = 5;
        double[] inputs = [-1.5, -0.2, 0.0, 0.9, 2.0];
        var w1 = Tensor.Uniform([1, Hidden], -1.5, 1.5, seed: 1);
        var b1 = Tensor.Uniform([Hidden], -1.0, 1.0, seed: 2);
        var w2 = Tensor.Uniform([Hidden, 1], -1.5, 1.5, seed: 3);
        var b2 = Tensor.Uniform([1], -1.0, 1.0, seed: 4);
        var x = Tensor.FromArray(inputs, inputs.Length, 1).RequireGrad();

        var output = ((x.MatMul(w1) + b1).Sin().MatMul(w2) + b2).Sin();
        var first = Autograd.Grad(output.Sum(), x, createGraph: true);
        var second = Autograd.Grad(first.Sum(), x);

        for (int s = 0; s < inputs.Length; s++)
        {
            double z = b2[0], dz = 0, ddz = 0;
            for (int j = 0; j < Hidden; j++)
            {
                double u = inputs[s] * w1[0, j] + b1[j];
                z += Math.Sin(u) * w2[j, 0];
                dz += Math.Cos(u) * w1[0, j] * w2[j, 0];
                ddz -= Math.Sin(u) * w1[0, j] * w1[0, j] * w2[j, 0];
            }
            Assert.Equal(Math.Cos(z) * dz, first[s, 0], 1e-13);
            Assert.Equal(-Math.Sin(z) * dz * dz + Math.Cos(z) * ddz, second[s, 0], 1e-13);
        }
    }

    [Fact]
    public void SecondDerivative_MatchesFiniteDifferenceOfFirstDerivative()
    {
        // An independent check that needs no closed form: f = exp(sin x)·x², f'' by central differences of f'.
        const double At = 0.6, Step = 1e-5;
        double FirstDerivative(double value)
        {
            var leaf = Leaf(value);
            return Autograd.Grad(leaf.Sin().Exp() * leaf.Square(), leaf).Item();
        }
        var x = Leaf(At);

        var first = Autograd.Grad(x.Sin().Exp() * x.Square(), x, createGraph: true);
        var second = Autograd.Grad(first, x).Item();

        double numeric = (FirstDerivative(At + Step) - FirstDerivative(At - Step)) / (2 * Step);
        Assert.Equal(numeric, second, 1e-8);
    }

    [Fact]
    public void ThirdOrder_OfPolynomial_IsExactAndFourthIsZero()
    {
        // f = x⁴ − 2x³: f''' = 24x − 12, f'''' = 24.
        var x = Leaf(1.5);

        var d1 = Autograd.Grad(x.Pow(4.0) - 2.0 * x.Pow(3.0), x, createGraph: true);
        var d2 = Autograd.Grad(d1, x, createGraph: true);
        var d3 = Autograd.Grad(d2, x, createGraph: true);
        var d4 = Autograd.Grad(d3, x, createGraph: true);

        Assert.Equal(24 * 1.5 - 12, d3.Item(), 1e-12);
        Assert.Equal(24.0, d4.Item(), 1e-12);
    }
}
