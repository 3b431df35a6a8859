namespace NeuroScope.Experiments.Options;

/// <summary>
/// Declares a config property as an option, once: its help, unit and allowed range or values. The CLI option and its
/// --help, validation and its messages, the config.json round trip and the report's labels are all derived from it.
/// </summary>
/// <param name="help">One sentence on what the value does, shown in --help and in the report.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OptionAttribute(string help) : Attribute
{
    /// <summary>What the value does.</summary>
    public string Help { get; } = help;

    /// <summary>The CLI name; by default <c>--</c> and the property name in kebab case (<c>LearningRate</c> → <c>--learning-rate</c>).</summary>
    public string? Name { get; set; }

    /// <summary>Other accepted CLI names, e.g. <c>--lr</c>.</summary>
    public string[] Aliases { get; set; } = [];

    /// <summary>The unit of the value ("mV", "ms"), or null when it has none.</summary>
    public string? Unit { get; set; }

    /// <summary>A short human label for the report; by default the property name in words.</summary>
    public string? Label { get; set; }

    /// <summary>The smallest allowed value (of each element for a list); NaN for no bound.</summary>
    public double Min { get; set; } = double.NaN;

    /// <summary>The largest allowed value (of each element for a list); NaN for no bound.</summary>
    public double Max { get; set; } = double.NaN;

    /// <summary>Whether <see cref="Min"/> itself is excluded (a positive number: Min = 0, MinExclusive = true).</summary>
    public bool MinExclusive { get; set; }

    /// <summary>Whether a floating-point value must be finite (implied by <see cref="Min"/> or <see cref="Max"/>).</summary>
    public bool Finite { get; set; }

    /// <summary>The name of a static property of the config type (or of <see cref="ChoicesType"/>) that lists the allowed texts.</summary>
    public string? Choices { get; set; }

    /// <summary>The type holding <see cref="Choices"/>, when it is not the config type.</summary>
    public Type? ChoicesType { get; set; }

    /// <summary>The variants (subcommands) that show this option; null for all of them. The bare verb shows every option.</summary>
    public string[]? Only { get; set; }

    /// <summary>An <see cref="IOptionSyntax"/> type that reads and writes the value as CLI text, for values that are not numbers, flags, names or lists of them.</summary>
    public Type? Syntax { get; set; }
}
