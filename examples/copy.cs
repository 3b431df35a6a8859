#:project ../src/NeuroScope/NeuroScope.csproj
// Teaching y = w·x + b to copy its input, three ways, and what float32 does to 123123123123.
//
// Run: dotnet run examples/copy.cs
using System.Diagnostics;
using NeuroScope;
using NeuroScope.Nn;
using NeuroScope.Optim;

// 1. Mean squared error and SGD, the textbook way: 1,000 integers from 0..10, the whole set as one batch.
var timer = Stopwatch.StartNew();
var random = new Random(0);
var mse = new Linear<float>(1, 1, random: random);              // PyTorch's default initialization
var x = Tensor.FromArray([.. Enumerable.Range(0, 1000).Select(_ => (float)random.Next(0, 11))], 1000, 1);
var sgd = new Sgd<float>(mse.Parameters(), learningRate: 0.01);
for (int epoch = 0; epoch < 500; epoch++)
{
    sgd.ZeroGrad();
    Losses.Mse(mse.Forward(x), x).Backward();                   // the target is the input itself
    sgd.Step();
}
Report("mse", mse.Weight.Item(), mse.Bias!.Item());

// 2. Reward and penalty, one sample at a time: reward = exp(−e/100) for a small error e = |y − x|,
//    penalty = 1.333·e once e exceeds 0.01; the loss to minimize is penalty − reward.
timer.Restart();
random = new Random(0);
var reward = new Linear<float>(1, 1, random: random);
sgd = new Sgd<float>(reward.Parameters(), learningRate: 0.01);
for (int epoch = 0; epoch < 25_000; epoch++)
{
    var sample = Tensor.FromArray([(float)(random.NextDouble() * 10)], 1, 1);
    var error = (reward.Forward(sample) - sample).Abs();
    var gain = (error * (-1f / 100)).Exp();
    var penalty = error * error.Greater(0.01f) * 1.333f;        // the mask is a constant: no gradient through it
    sgd.ZeroGrad();
    (penalty - gain).Mean().Backward();
    sgd.Step();
}
Report("reward", reward.Weight.Item(), reward.Bias!.Item());

// 3. No framework: two doubles and the gradient of (x − y)² worked out by hand.
timer.Restart();
random = new Random(0);
double w = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
for (int epoch = 0; epoch < 25_000; epoch++)
{
    double input = random.NextDouble() * 10, residual = input - (w * input + b);
    w -= 0.01 * (-2 * residual * input);                        // ∂(x − y)²/∂w = −2(x − y)·x
    b -= 0.01 * (-2 * residual);                                // ∂(x − y)²/∂b = −2(x − y)
}
Report("pure", w, b);

// float32 keeps 24 significant bits: near 1.2e11 neighbouring floats are 8,192 apart, so 123123123123 is stored as
// 123123122176 before any model sees it. Even a perfect copy answers 947 short in float32.
Console.WriteLine();
Console.WriteLine($"123123123123 as float32: {(float)123123123123:F0}, as float64: {123123123123d:F0}");
Console.WriteLine($"{"way",-7} {"x",14} {"y in float32",20} {"y in float64",20}");
foreach (var (way, weight, bias) in new[] { ("mse", (double)mse.Weight.Item(), (double)mse.Bias.Item()),
    ("reward", reward.Weight.Item(), reward.Bias.Item()), ("pure", w, b) })
{
    foreach (double input in new[] { 1, 9, 123, 123123123123 })
    {
        float single = (float)weight * (float)input + (float)bias;   // every step rounded to float32
        double twice = weight * input + bias;
        Console.WriteLine($"{way,-7} {input,14:F0} {single,20:F4} {twice,20:F4}");
    }
}

void Report(string way, double weight, double bias) =>
    Console.WriteLine($"{way,-7} w = {weight:F4}, b = {bias:F4}   ({timer.Elapsed.TotalMilliseconds:F1} ms)");
