#:project ../src/NeuroScope/NeuroScope.csproj
// Gradients of gradients. Every operation's gradient rule is itself written in differentiable tensor operations,
// so a gradient computed with createGraph: true is an ordinary tensor with a graph behind it: differentiate it again.
//
// Run: dotnet run examples/autodiff.cs
using NeuroScope;
using NeuroScope.Nn;

// 1. A Hessian-vector product without the Hessian: H·v = ∇(∇f · v), two backward passes.
//    Rosenbrock f(a, b) = (1 − a)² + 100(b − a²)² at (−1.5, 2); its Hessian there is [[1902, 600], [600, 200]].
var p = Tensor.FromArray([-1.5, 2.0], 2).RequireGrad();
var (a, b) = (p.Slice(axis: 0, start: 0, length: 1), p.Slice(axis: 0, start: 1, length: 1));
var f = (1.0 - a).Square() + 100.0 * (b - a.Square()).Square();
var gradient = Autograd.Grad(f.Sum(), p, createGraph: true);             // ∇f, still differentiable
var v = Tensor.FromArray([1.0, 0.0], 2);
var hv = Autograd.Grad((gradient * v).Sum(), p);                          // H·v: the first column of H
Console.WriteLine($"gradient: [{gradient[0]:F1}, {gradient[1]:F1}]   H·[1, 0]: [{hv[0]:F1}, {hv[1]:F1}]   (exact: [1902.0, 600.0])");

// 2. The derivatives of a network's output with respect to its INPUT, not its weights: what a physics-informed
//    network needs to write u''(x) into its loss. Grad of u.Sum() gives du/dx at every point at once, because
//    each output u(xᵢ) depends only on its own xᵢ.
var u = new Mlp<double>(inputs: 1, hiddenWidths: [16, 16], outputs: 1, Activation.Tanh, new Random(0));
var x = Tensor.Linspace(-1.0, 1.0, 5).Reshape(-1, 1).RequireGrad();
var du = Autograd.Grad(u.Forward(x).Sum(), x, createGraph: true);         // u'(x)
var d2u = Autograd.Grad(du.Sum(), x);                                     // u''(x)

// Check both against central differences of the plain function.
double U(double at) => u.Forward(Tensor.FromArray([at], 1, 1)).Item();
const double h = 1e-4;
double worstFirst = 0, worstSecond = 0;
Console.WriteLine($"{"x",5} {"u'(x)",12} {"u''(x)",12}");
for (int i = 0; i < 5; i++)
{
    double at = x[i, 0];
    worstFirst = Math.Max(worstFirst, Math.Abs(du[i, 0] - (U(at + h) - U(at - h)) / (2 * h)));
    worstSecond = Math.Max(worstSecond, Math.Abs(d2u[i, 0] - (U(at + h) - 2 * U(at) + U(at - h)) / (h * h)));
    Console.WriteLine($"{at,5:F2} {du[i, 0],12:F6} {d2u[i, 0],12:F6}");
}
Console.WriteLine($"largest difference from central differences: u' {worstFirst:E1}, u'' {worstSecond:E1}");

// 3. Nested derivatives keep their variables apart (the "perturbation confusion" test):
//    d/dx [ x · d/dy (x·y) ] at x = 1 is d/dx [x · x] = 2, not 1.
var x1 = Tensor.Scalar(1.0).RequireGrad();
var y1 = Tensor.Scalar(1.0).RequireGrad();
var inner = Autograd.Grad(x1 * y1, y1, createGraph: true);                // = x
Console.WriteLine($"d/dx [x · d/dy (x·y)] at x = 1: {Autograd.Grad(x1 * inner, x1).Item()}");
