namespace NeuroScope.Optim;

/// <summary>Range checks for hyperparameters, with messages that name the parameter, its value and what is allowed.</summary>
internal static class OptimizerChecks
{
    public static double AtLeastZero(double value, string name) =>
        value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not allowed; it must be finite and at least 0.");

    public static double Fraction(double value, string name) =>
        value >= 0 && value <= 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not allowed; it must be in [0, 1].");

    public static double HalfOpenFraction(double value, string name) =>
        value >= 0 && value < 1
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not allowed; it must be in [0, 1).");

    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is not allowed; it must be a positive, finite number.");
}
