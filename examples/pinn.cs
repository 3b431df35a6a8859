#:project ../src/NeuroScope/NeuroScope.csproj
// A physics-informed network: learn u on [0, 1] with u'' = −π² sin(πx) and u(0) = u(1) = 0, from no data at all.
// The loss is the equation itself: the mean squared residual u''(x) + π² sin(πx) at random points, plus the
// boundary mismatch. The exact solution, u = sin(πx), is used only at the end, to measure the error.
//
// Run: dotnet run examples/pinn.cs
using NeuroScope;
using NeuroScope.Nn;
using NeuroScope.Optim;

// Collocation points, where the equation must hold. They require grad: we differentiate u with respect to them.
var random = new Random(0);
const int count = 100;
double[] points = [.. Enumerable.Range(0, count).Select(_ => random.NextDouble())];
var x = Tensor.FromArray(points, count, 1).RequireGrad();
var g = Tensor.FromArray([.. points.Select(p => -Math.PI * Math.PI * Math.Sin(Math.PI * p))], count, 1);
var boundary = Tensor.FromArray([0.0, 1.0], 2, 1);
var boundaryValues = Tensor.FromArray([0.0, 0.0], 2, 1);

var u = new Mlp<double>(inputs: 1, hiddenWidths: [32, 32], outputs: 1, Activation.Tanh, new Random(1));
var optimizer = new Adam<double>(u.Parameters(), learningRate: 0.003);

Tensor<double> Loss()
{
    // u'(x) at every point in one backward pass (each u(xᵢ) depends only on its own xᵢ), kept differentiable
    // with createGraph, then u''(x) the same way. The loss's own Backward() then differentiates through both.
    var du = Autograd.Grad(u.Forward(x).Sum(), x, createGraph: true);
    var d2u = Autograd.Grad(du.Sum(), x, createGraph: true);
    var residual = d2u - g;
    var mismatch = u.Forward(boundary) - boundaryValues;
    return residual.Square().Mean() + mismatch.Square().Mean();
}

for (int step = 1; step <= 2000; step++)
{
    optimizer.ZeroGrad();
    var loss = Loss();
    loss.Backward();
    optimizer.Step();
    if (step % 250 == 0)
        Console.WriteLine($"step {step,5}  loss {loss.Item():E3}");
}

// Relative L2 error against the exact solution on 1,001 evenly spaced points: ‖u − sin(πx)‖ / ‖sin(πx)‖.
var grid = Tensor.Linspace(0.0, 1.0, 1001).Reshape(-1, 1);
var exact = (grid * Math.PI).Sin();
using (Autograd.NoGrad())
{
    double error = (u.Forward(grid) - exact).Norm().Item() / exact.Norm().Item();
    Console.WriteLine($"u(0.5) = {u.Forward(Tensor.FromArray([0.5], 1, 1)).Item():F5} (exact 1)");
    Console.WriteLine($"relative L2 error: {error:E2}");
}
