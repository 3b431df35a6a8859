using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

public class GradientDescentTests
{
    [Fact]
    public void GradientDescent_MatchesClosedForm()
    {
        // θ ← θ − lr·2(θ − c) scales the distance to c by (1 − 2·lr) each step.
        const double learningRate = 0.2;
        const int steps = 3;

        var actual = QuadraticProblem.Run<double>(p => new GradientDescent<double>([p], learningRate), steps);

        for (int s = 0; s < steps; s++)
            for (int i = 0; i < QuadraticProblem.Start.Length; i++)
                Assert.Equal(QuadraticProblem.Center[i] + Math.Pow(1 - 2 * learningRate, s + 1) * (QuadraticProblem.Start[i] - QuadraticProblem.Center[i]), actual[s][i], 1e-14);
    }

    [Fact]
    public void GradientDescent_Float_ComputesInFloat()
    {
        // Some of these values round differently when θ − lr·g is computed in double and then rounded to float.
        float[] theta = [1.6f, -0.3f, 0.1f, 1.3f];
        float[] gradient = [-2.9f, 2.7f, 0.3f, -0.7f];
        const double learningRate = 0.1;
        var p = Tensor.FromArray((float[])theta.Clone(), theta.Length).RequireGrad();
        p.Grad = Tensor.FromArray(gradient, gradient.Length);
        var optimizer = new GradientDescent<float>([p], learningRate);

        optimizer.Step();

        bool doubleRoundsDifferently = false;
        for (int i = 0; i < theta.Length; i++)
        {
            float inFloat = gradient[i] * -(float)learningRate + theta[i];
            doubleRoundsDifferently |= (float)(theta[i] - learningRate * gradient[i]) != inFloat;
            Assert.Equal(inFloat, p[i]);
        }
        Assert.True(doubleRoundsDifferently, "the chosen values no longer tell float from double arithmetic");
    }
}
