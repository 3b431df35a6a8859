#:project ../src/NeuroScope/NeuroScope.csproj
// The dose-response net, trained the way a plain PyTorch script does it: by hand, one SGD loop.
//
// Three doses (low, medium, high); only the medium one works. Two ReLU "branches" with fixed weights turn a dose
// into a bump, and one learnable number, the final bias, must shift the bump down until it fits the targets.
//
//     out = relu( relu(x·1.7 − 0.85)·(−40.8) + relu(x·12.6 + 0)·2.7 + finalBias )
//
// Run: dotnet run examples/dose.cs
using NeuroScope;

// The weights found earlier, frozen: plain tensors, not marked as needing a gradient.
Tensor<float> S(float value) => Tensor.Scalar(value);
var (w00, b00, w01) = (S(1.7f), S(-0.85f), S(-40.8f));
var (w10, b10, w11) = (S(12.6f), S(0f), S(2.7f));

// The one thing to learn. RequireGrad() asks the engine to record every operation that uses it.
var finalBias = S(0f).RequireGrad();

Tensor<float> Forward(Tensor<float> dose)
{
    var top = (dose * w00 + b00).Relu() * w01;
    var bottom = (dose * w10 + b10).Relu() * w11;
    return (top + bottom + finalBias).Relu();
}

float[] doses = [0f, 0.5f, 1f];
float[] targets = [0f, 1f, 0f];
const float learningRate = 0.1f;

Console.WriteLine($"Final bias, before optimization: {finalBias.Item():0.0000}");
for (int epoch = 0; epoch < 100; epoch++)
{
    // One sample at a time; each Backward() adds its gradient into finalBias.Grad, so the epoch's
    // gradient is the sum over the three doses (PyTorch accumulates the same way until zero_grad()).
    double totalLoss = 0;
    for (int i = 0; i < doses.Length; i++)
    {
        var difference = Forward(S(doses[i])) - S(targets[i]);
        var loss = difference * difference;
        loss.Backward();
        totalLoss += loss.Item();
    }

    // The script's stopping rule, checked before the step: so the last epoch counted takes no step.
    if (totalLoss < 0.0001)
    {
        Console.WriteLine($"Num steps: {epoch}");
        break;
    }

    // Plain gradient descent, written out: bias ← bias − lr · dLoss/dbias. AsSpan() writes the value in place,
    // outside the recorded graph, as PyTorch's optimizer.step() does under torch.no_grad().
    finalBias.AsSpan()[0] -= learningRate * finalBias.Grad!.Item();
    finalBias.ZeroGrad();
    Console.WriteLine($"Step: {epoch} Final Bias: {finalBias.Item():0.0000}");
}
Console.WriteLine($"Final bias, after optimization: {finalBias.Item():0.0000}");
