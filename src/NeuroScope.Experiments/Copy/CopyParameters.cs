namespace NeuroScope.Experiments.Copy;

/// <summary>A learned copy model, y = w·x + b, as saved in a run directory and loaded by the prompt.</summary>
/// <param name="Way">The way that trained it.</param>
/// <param name="Dtype">The floating-point type it was trained in; <see cref="Predict"/> computes in it.</param>
/// <param name="Weight">w.</param>
/// <param name="Bias">b.</param>
public sealed record CopyParameters(CopyWay Way, CopyDtype Dtype, double Weight, double Bias)
{
    /// <summary>y = w·x + b in the model's own precision.</summary>
    public double Predict(double input) => Dtype == CopyDtype.Float32 ? PredictFloat32(input) : PredictFloat64(input);

    /// <summary>y = fl32(fl32(w·x) + b), with w, b and x first rounded to float32.</summary>
    public double PredictFloat32(double input)
    {
        // Each explicit cast rounds to single precision, so no step is carried out at a higher precision.
        float product = (float)Weight * (float)input;
        float sum = product + (float)Bias;
        return sum;
    }

    /// <summary>y = w·x + b in double.</summary>
    public double PredictFloat64(double input) => Weight * input + Bias;

    /// <summary>The model's output for each input in float32 and float64.</summary>
    public IReadOnlyList<CopyOutput> Evaluate(IReadOnlyList<double> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var outputs = new CopyOutput[inputs.Count];
        for (int i = 0; i < outputs.Length; i++)
            outputs[i] = new CopyOutput(inputs[i], (float)inputs[i], PredictFloat32(inputs[i]), PredictFloat64(inputs[i]));
        return outputs;
    }
}
