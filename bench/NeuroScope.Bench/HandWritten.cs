namespace NeuroScope.Bench;

/// <summary>
/// The framework-free versions of W1, W2, W3 and W5: plain loops with hand-derived gradients, the floor that
/// shows what the engine costs. Float workloads compute in float, as the engine does.
/// </summary>
internal static class HandWritten
{
    /// <summary>W1: the dose-response net's final bias after 100 epochs of SGD on the summed squared error.</summary>
    public static Dictionary<string, double> Dose()
    {
        const float w00 = 1.70f, b00 = -0.85f, w01 = -40.8f, w10 = 12.6f, b10 = 0.0f, w11 = 2.70f, lr = 0.1f;
        ReadOnlySpan<float> inputs = [0f, 0.5f, 1f], targets = [0f, 1f, 0f];
        float bias = 0f;
        for (int epoch = 0; epoch < 100; epoch++)
        {
            float grad = 0f;
            for (int i = 0; i < 3; i++)
            {
                float top = MathF.Max(inputs[i] * w00 + b00, 0f) * w01;
                float bottom = MathF.Max(inputs[i] * w10 + b10, 0f) * w11;
                float pre = top + bottom + bias;
                float output = MathF.Max(pre, 0f);
                // d(out − t)²/dbias = 2(out − t)·[pre > 0]
                if (pre > 0f)
                    grad += 2f * (output - targets[i]);
            }
            bias -= lr * grad;
        }
        return new() { ["bias"] = bias };
    }

    /// <summary>W2: Linear(1,1) from w = 0.5, b = 0 by full-batch MSE on 100 integers 0..9, SGD lr 0.01, 500 epochs.</summary>
    public static Dictionary<string, double> CopyMse()
    {
        float[] x = Inputs.CopyIntegers();
        float w = 0.5f, b = 0f, lr = 0.01f, loss = 0f;
        for (int epoch = 0; epoch < 500; epoch++)
        {
            float gw = 0f, gb = 0f;
            loss = 0f;
            for (int i = 0; i < x.Length; i++)
            {
                float e = w * x[i] + b - x[i];
                loss += e * e;
                gw += 2f * e * x[i];
                gb += 2f * e;
            }
            loss /= x.Length;
            w -= lr * (gw / x.Length);
            b -= lr * (gb / x.Length);
        }
        return new() { ["weight"] = w, ["bias"] = b, ["loss"] = loss };
    }

    /// <summary>W3: Linear(1,1) by the reward/penalty objective, batch size 1, 25,000 SGD steps, lr 0.01.</summary>
    public static Dictionary<string, double> CopyReward()
    {
        float[] x = Inputs.CopyUniform();
        float w = 0.5f, b = 0f, lr = 0.01f;
        for (int step = 0; step < x.Length; step++)
        {
            float y = w * x[step] + b;
            float e = MathF.Abs(y - x[step]);
            // loss = −exp(−e/100) + (e > 0.01 ? 1.333e : 0); dloss/dy = sign(y − x)·(exp(−e/100)/100 + [e > 0.01]·1.333)
            float dLossDe = MathF.Exp(-e / 100f) / 100f + (e > 0.01f ? 1.333f : 0f);
            float dLossDy = MathF.Sign(y - x[step]) * dLossDe;
            w -= lr * dLossDy * x[step];
            b -= lr * dLossDy;
        }
        return new() { ["weight"] = w, ["bias"] = b };
    }

    /// <summary>W5: fit tau and v_threshold of a LIF neuron by central differences and momentum SGD (plain doubles).</summary>
    public static Dictionary<string, double> LifFit()
    {
        var lif = new LifInDoubles();
        double tau = LifInDoubles.StartTau, threshold = LifInDoubles.StartThreshold, velocityTau = 0, velocityThreshold = 0;
        for (int iteration = 0; iteration < LifInDoubles.Iterations; iteration++)
        {
            var g = lif.Gradient(tau, threshold);
            velocityTau = LifInDoubles.Momentum * velocityTau + g.Tau;
            velocityThreshold = LifInDoubles.Momentum * velocityThreshold + g.Threshold;
            tau -= LifInDoubles.LearningRate * velocityTau;
            threshold -= LifInDoubles.LearningRate * velocityThreshold;
        }
        return new() { ["tau"] = tau, ["v_threshold"] = threshold, ["loss"] = lif.Loss(tau, threshold) };
    }
}
