namespace NeuroScope.Diagnostics;

/// <summary>A Monte Carlo estimate of tr(H) by Hutchinson's method.</summary>
/// <param name="Mean">The mean of zᵀHz over the Rademacher samples z (an unbiased estimate of the trace).</param>
/// <param name="StandardError">The sample standard deviation of zᵀHz divided by √samples.</param>
/// <param name="Samples">The number of samples (Hessian-vector products) taken.</param>
public sealed record TraceEstimate(double Mean, double StandardError, int Samples);
