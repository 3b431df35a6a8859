using System.Globalization;

namespace NeuroScope.Experiments.Fit;

/// <summary>A noise-free target function f(x) or f(x, y) with the name and parameters it was made from.</summary>
public sealed class FitTarget
{
    private readonly Func<double, double, double> _function;

    /// <summary>Creates a target of <paramref name="inputDimension"/> inputs from <paramref name="function"/> (y is 0 in 1-D).</summary>
    public FitTarget(string name, int inputDimension, Func<double, double, double> function, IReadOnlyDictionary<string, double>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (inputDimension is not (1 or 2))
            throw new ArgumentOutOfRangeException(nameof(inputDimension), inputDimension, "FitTarget: inputDimension must be 1 or 2.");
        Name = name;
        InputDimension = inputDimension;
        _function = function;
        Parameters = parameters ?? new Dictionary<string, double>();
    }

    /// <summary>The registry name ("sin"), "expression", or the name given to a library function.</summary>
    public string Name { get; }

    /// <summary>1 for f(x), 2 for f(x, y).</summary>
    public int InputDimension { get; }

    /// <summary>The parameters the target was built with (empty when it has none).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>f(x) in 1-D, f(x, y) in 2-D.</summary>
    public double Evaluate(double x, double y = 0) => _function(x, y);

    /// <summary>A target from a library function of one input.</summary>
    public static FitTarget FromFunction(Func<double, double> function, string name = "function")
    {
        ArgumentNullException.ThrowIfNull(function);
        return new FitTarget(name, 1, (x, _) => function(x));
    }

    /// <summary>A target from a library function of two inputs.</summary>
    public static FitTarget FromFunction(Func<double, double, double> function, string name = "function") => new(name, 2, function);

    /// <summary>A target from a parsed formula; 2-D when the formula mentions y or <paramref name="inputDimension"/> is 2.</summary>
    public static FitTarget FromExpression(Expression expression, int inputDimension = 1)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new FitTarget("expression", expression.UsesY ? 2 : inputDimension, expression.Evaluate);
    }

    /// <summary>The log form of the parameters: "{}" or "{a=1, b=0.5}".</summary>
    public string FormatParameters()
    {
        if (Parameters.Count == 0)
            return "{}";
        var parts = new List<string>(Parameters.Count);
        foreach (var (key, value) in Parameters)
            parts.Add($"{key}={value.ToString("G6", CultureInfo.InvariantCulture)}");
        return "{" + string.Join(", ", parts) + "}";
    }
}
