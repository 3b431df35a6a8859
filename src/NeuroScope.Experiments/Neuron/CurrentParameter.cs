using System.Globalization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>One parameter of a current in the current syntax: its name, meaning, unit, allowed range and default (null: required).</summary>
/// <param name="Name">The name written in the syntax, e.g. <c>amplitude</c>.</param>
/// <param name="Description">What it means, in a few words.</param>
/// <param name="Unit">Its unit ("mV", "ms", "rad"), or "" for a count or a seed.</param>
/// <param name="Minimum">The smallest allowed value.</param>
/// <param name="Maximum">The largest allowed value.</param>
/// <param name="Default">The value when it is left out, or null when it must be given.</param>
/// <param name="Type">A number, a whole number, or a file path.</param>
public sealed record CurrentParameter(string Name, string Description, string Unit, double Minimum, double Maximum, double? Default = null,
    CurrentParameterType Type = CurrentParameterType.Number)
{
    /// <summary>A required number in mV between −1000 and 1000.</summary>
    public static CurrentParameter Millivolts(string name, string description, double? defaultValue = null) =>
        new(name, description, "mV", -1000, 1000, defaultValue);

    /// <summary>A required time in ms between 0 and 1,000,000.</summary>
    public static CurrentParameter Milliseconds(string name, string description, double? defaultValue = null) =>
        new(name, description, "ms", 0, 1_000_000, defaultValue);

    /// <summary>The allowed values in words: "-1000..1000 mV", "a whole number 0..2147483647", or the file format.</summary>
    public string Range => Type switch
    {
        CurrentParameterType.File => "a file path",
        CurrentParameterType.Integer => $"a whole number {Format(Minimum)}..{Format(Maximum)}",
        _ => $"{Format(Minimum)}..{Format(Maximum)}{(Unit.Length > 0 ? " " + Unit : "")}",
    };

    /// <summary>The range and the default in words: "-1000..1000 mV, default 0" or "0..1000000 ms, required".</summary>
    public string Allowed => Range + (Default is { } d ? $", default {Format(d)}" : ", required");

    /// <summary>Whether <paramref name="value"/> is allowed (in range, and whole for an integer parameter).</summary>
    public bool Allows(double value) =>
        double.IsFinite(value) && value >= Minimum && value <= Maximum && (Type != CurrentParameterType.Integer || value == Math.Floor(value));

    internal static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
