namespace NeuroScope.Experiments.Tests.Dose;

/// <summary>The net's numbers derived by hand from its weights, independent of the experiment's code.</summary>
internal static class DoseMath
{
    // s(x) = relu(1.7x − 0.85)·(−40.8) + relu(12.6x + 0)·2.7.
    public static double BranchSum(double x) => Math.Max(1.7 * x - 0.85, 0) * -40.8 + Math.Max(12.6 * x, 0) * 2.7;

    /// <summary>
    /// s(0) = 0, s(0.5) = 6.3·2.7 = 17.01, s(1) = −34.68 + 34.02 = −0.66. With b near −16 only the middle dose passes the
    /// final ReLU, so L(b) = (17.01 + b − 1)² + 0 + 0, zero at b* = 1 − 17.01 = −16.01; L ≥ 0 everywhere, so that is the minimum.
    /// </summary>
    public static double ExactMinimizer => 1 - BranchSum(0.5);
}
