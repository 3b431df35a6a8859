namespace NeuroScope.Experiments.Fit;

/// <summary>A formula that cannot be parsed; <see cref="Position"/> is the 1-based column where the problem starts.</summary>
public sealed class ExpressionException : FormatException
{
    /// <summary>Creates the exception for <paramref name="text"/> with the problem at 1-based <paramref name="position"/>.</summary>
    public ExpressionException(string text, int position, string problem)
        : base($"{problem} at position {position} in '{text}'\n  {text}\n  {new string(' ', Math.Max(0, position - 1))}^")
    {
        Text = text;
        Position = position;
        Problem = problem;
    }

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>The 1-based column of the offending character (one past the end for a formula that stops too early).</summary>
    public int Position { get; }

    /// <summary>What is wrong, without the position ("unknown function 'foo'").</summary>
    public string Problem { get; }
}
