#:project ../src/NeuroScope/NeuroScope.csproj
// Learning a spiking neuron's parameters by gradient descent THROUGH its simulation.
//
// A leaky integrate-and-fire neuron: dV/dt = (v_rest − V + I)/tau; when V crosses v_threshold it spikes and resets
// to v_reset. We record a "true" neuron (tau 25 ms, v_threshold −52 mV), start a guess from tau 20, v_threshold −55,
// and let autodiff find the parameters. The spike is a step function, whose derivative is zero everywhere it
// exists; a surrogate gradient keeps the step going forward but passes a smooth bump backward.
//
// Run: dotnet run examples/neuron.cs
using NeuroScope;
using NeuroScope.Optim;

const double dt = 0.1, current = 20, vRest = -70, vReset = -75;    // ms, mV; 200 ms = 2,000 Euler steps
const int steps = 2000;

// Forward Euler in tensor ops, so every step is recorded and one Backward() reaches tau and v_threshold.
(Tensor<double> Voltage, Tensor<double> Spikes, List<int> SpikeSteps) Simulate(Tensor<double> tau, Tensor<double> threshold)
{
    var dtOverTau = Tensor.Scalar(dt) / tau;
    var v = Tensor.Scalar(vRest);
    var voltages = new List<Tensor<double>> { v };
    var spikes = new List<Tensor<double>> { Tensor.Scalar(0.0) };
    var spikeSteps = new List<int>();
    for (int k = 1; k <= steps; k++)
    {
        v = v + (vRest - v + current) * dtOverTau;
        var spike = (v - threshold).HeavisideFastSigmoid(25.0);   // 1 at or above threshold; backward: 1/(25|x| + 1)²
        if (spike.Item() != 0)
        {
            spikeSteps.Add(k);
            v = v - spike.Detach() * (v - vReset);                  // the reset: V ← v_reset
        }
        voltages.Add(v);
        spikes.Add(spike);
    }
    return (Tensor.Stack(voltages), Tensor.Stack(spikes), spikeSteps);
}

var truth = Simulate(Tensor.Scalar(25.0), Tensor.Scalar(-52.0));
var target = truth.Voltage.Detach();
var tau = Tensor.Scalar(20.0).RequireGrad();
var threshold = Tensor.Scalar(-55.0).RequireGrad();
Console.WriteLine($"The true neuron fires {truth.SpikeSteps.Count} spikes in 200 ms; the guess fires {Simulate(tau, threshold).SpikeSteps.Count}.");

var optimizer = new Adam<double>([tau, threshold], learningRate: 0.4, beta2: 0.99);
for (int iteration = 0; iteration < 150; iteration++)
{
    var (voltage, spikes, spikeSteps) = Simulate(tau, threshold);

    // 1. Voltage error only while both neurons have fired equally often: a spike at the wrong time would otherwise
    //    swamp the loss with reset-sized errors. The mask is a constant, read from the forward pass.
    var mask = new double[steps + 1];
    int simulated = 0, observed = 0;
    for (int k = 0; k <= steps; k++)
    {
        while (simulated < spikeSteps.Count && spikeSteps[simulated] <= k) simulated++;
        while (observed < truth.SpikeSteps.Count && truth.SpikeSteps[observed] <= k) observed++;
        mask[k] = simulated == observed ? 1 : 0;
    }
    var matched = ((voltage - target).Square() * Tensor.FromArray(mask)).Sum() / mask.Sum();

    // 2. Spike timing, as the earth mover's distance between the two spike trains: dt·Σₖ|Cₖ| with Cₖ the running
    //    difference of spike counts. It is linear in the spikes, so its gradient is Σⱼ cⱼ·sⱼ with cⱼ = dt·Σ_{k≥j} sign(Cₖ):
    //    through the surrogate, it pushes an early spike later and a late one earlier.
    var coefficients = new double[steps + 1];
    double running = 0, tail = 0;
    var sign = new double[steps + 1];
    for (int k = 0; k <= steps; k++)
        sign[k] = Math.Sign(running += (spikeSteps.Contains(k) ? 1 : 0) - (truth.SpikeSteps.Contains(k) ? 1 : 0));
    for (int k = steps; k >= 0; k--)
        coefficients[k] = dt * (tail += sign[k]);
    var timing = (spikes * Tensor.FromArray(coefficients)).Sum();

    optimizer.ZeroGrad();
    (matched * 10.0 + timing * 0.1).Backward();
    optimizer.Step();
}

Console.WriteLine($"{"parameter",-12} {"true",8} {"start",8} {"learned",8}");
Console.WriteLine($"{"tau",-12} {25.0,8:F3} {20.0,8:F3} {tau.Item(),8:F3}");
Console.WriteLine($"{"v_threshold",-12} {-52.0,8:F3} {-55.0,8:F3} {threshold.Item(),8:F3}");
