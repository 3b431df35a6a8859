#:project ../src/NeuroScope/NeuroScope.csproj
// Gradient descent at the edge of stability (Cohen et al., ICLR 2021).
//
// On a quadratic with curvature λ, a gradient step of size lr multiplies the error by (1 − lr·λ): it shrinks only
// while λ < 2/lr. Train a small network by full-batch gradient descent and watch the sharpness, the largest
// eigenvalue of the loss's Hessian: it climbs ("progressive sharpening") until it reaches 2/lr, and then, instead of
// diverging, training keeps it hovering there while the loss still falls, in spikes.
//
// Run: dotnet run examples/sharpness.cs
using NeuroScope;
using NeuroScope.Diagnostics;
using NeuroScope.Nn;
using NeuroScope.Optim;

// 200 noisy samples of sin on [−2π, 2π].
var random = new Random(0);
double[] xs = [.. Enumerable.Range(0, 200).Select(_ => (random.NextDouble() * 2 - 1) * 2 * Math.PI)];
double[] ys = [.. xs.Select(x => Math.Sin(x) + 0.08 * (random.NextDouble() * 2 - 1))];
var x = Tensor.FromArray(xs, 200, 1);
var y = Tensor.FromArray(ys, 200, 1);

var model = new Mlp<double>(inputs: 1, hiddenWidths: [64, 64], outputs: 1, Activation.Tanh, new Random(1));
var parameters = model.Parameters().ToArray();
const double learningRate = 0.03;
var optimizer = new GradientDescent<double>(parameters, learningRate);
Tensor<double> Loss() => Losses.Mse(model.Forward(x), y);

Console.WriteLine($"learning rate {learningRate}, so the stability limit 2/lr = {2 / learningRate:F1}");
Console.WriteLine($"{"step",6} {"loss",10} {"sharpness",10}");
Tensor<double>? topDirection = null;
var late = new List<double>();
for (int step = 1; step <= 600; step++)
{
    optimizer.ZeroGrad();
    var loss = Loss();
    loss.Backward();
    optimizer.Step();

    if (step % 25 == 0 || step == 1)
    {
        // The top eigenvalue by power iteration on exact Hessian-vector products (two backward passes each, no
        // Hessian matrix). Starting from the last eigenvector, a few products are enough.
        var top = Hessian.PowerIteration(Loss, parameters, topDirection, maxIterations: 20);
        topDirection = top.Eigenvector;
        Console.WriteLine($"{step,6} {loss.Item(),10:F5} {top.Eigenvalue,10:F2}");
        if (step > 300)
            late.Add(top.Eigenvalue);
    }
}
Console.WriteLine($"mean sharpness over steps 301-600: {late.Average():F1} (2/lr = {2 / learningRate:F1})");
