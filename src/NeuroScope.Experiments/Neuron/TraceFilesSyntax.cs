using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary><c>--target-voltage</c> on the command line: trace files separated by ',' (one per current), or <c>none</c> to simulate the target.</summary>
public sealed class TraceFilesSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "file.csv[,file.csv…]";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
            return null;
        var files = text.Split(',', StringSplitOptions.TrimEntries);
        if (files.Any(f => f.Length == 0))
            throw new OptionSyntaxException("give CSV file paths separated by ',', one per current");
        return files;
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is string[] files ? string.Join(",", files) : "none";
}
