namespace NeuroScope.Experiments.Copy;

/// <summary>What a learned model makes of one input, computed in float32 and in float64 arithmetic.</summary>
/// <param name="Input">The input x as given (a double).</param>
/// <param name="Float32Input">x rounded to the nearest float32, as a float32 model sees it (123123123123 becomes 123123122176).</param>
/// <param name="Float32Output">fl32(fl32(w·x) + b) with w, b and x rounded to float32.</param>
/// <param name="Float64Output">w·x + b in double.</param>
public sealed record CopyOutput(double Input, double Float32Input, double Float32Output, double Float64Output)
{
    /// <summary>Float32Output − Float64Output: what single precision costs at this input.</summary>
    public double Float32Difference => Float32Output - Float64Output;
}
