namespace NeuroScope.Bench;

/// <summary>
/// W5's neuron in plain doubles (WORKLOADS.md): its settings, the forward-Euler simulation with the threshold reset,
/// and the voltage MSE against the target run. The hand-written loop and the libtorch side's plain-double variant
/// share it.
/// </summary>
internal sealed class LifInDoubles
{
    public const int Steps = 1000, Iterations = 200;
    public const double Dt = 0.1, Current = 15, VRest = -70, VReset = -75;
    public const double TargetTau = 25, TargetThreshold = -52, StartTau = 20, StartThreshold = -55;
    public const double H = 1e-3, LearningRate = 2, Momentum = 0.9;

    private readonly double[] _target = new double[Steps];
    private readonly double[] _trace = new double[Steps];

    /// <summary>Simulates the target run.</summary>
    public LifInDoubles() => Simulate(TargetTau, TargetThreshold, _target);

    /// <summary>The target run's voltage trace.</summary>
    public ReadOnlySpan<double> Target => _target;

    /// <summary>The voltage MSE of a run with these parameters against the target run.</summary>
    public double Loss(double tau, double threshold)
    {
        Simulate(tau, threshold, _trace);
        double sum = 0;
        for (int i = 0; i < Steps; i++)
        {
            double d = _trace[i] - _target[i];
            sum += d * d;
        }
        return sum / Steps;
    }

    /// <summary>The central-difference gradient of <see cref="Loss"/> (step <see cref="H"/> in each parameter).</summary>
    public (double Tau, double Threshold) Gradient(double tau, double threshold) =>
        ((Loss(tau + H, threshold) - Loss(tau - H, threshold)) / (2 * H),
         (Loss(tau, threshold + H) - Loss(tau, threshold - H)) / (2 * H));

    private static void Simulate(double tau, double threshold, double[] output)
    {
        double v = VRest;
        for (int i = 0; i < Steps; i++)
        {
            v += Dt * (-(v - VRest) + Current) / tau;
            if (v >= threshold)
                v = VReset;
            output[i] = v;
        }
    }
}
