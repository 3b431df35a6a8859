namespace NeuroScope.Experiments;

/// <summary>A configuration field with a value that is not allowed; the message names the field, the value and what is allowed.</summary>
public sealed class ConfigException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="field"/> holding <paramref name="value"/>.</summary>
    public ConfigException(string field, object? value, string allowed)
        : base($"{field}: {Format(value)} is not allowed; {allowed}.")
    {
        Field = field;
        Allowed = allowed;
    }

    /// <summary>Creates the exception with a complete message about <paramref name="field"/> (for errors that are not about one value, such as a malformed file).</summary>
    public ConfigException(string field, string message)
        : base($"{field}: {message}")
    {
        Field = field;
        Allowed = message;
    }

    /// <summary>The configuration field (the config.json key, which is also the CLI option without dashes).</summary>
    public string Field { get; }

    /// <summary>What the field accepts.</summary>
    public string Allowed { get; }

    private static string Format(object? value) => value switch
    {
        null => "an empty value",
        string s => $"'{MessageText.Shorten(s)}'",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    public static void RequirePositive(string field, double value)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ConfigException(field, value, "it must be a positive number");
    }

    /// <summary>Throws unless <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public static void RequireRange(string field, int value, int min, int max)
    {
        if (value < min || value > max)
            throw new ConfigException(field, value, $"allowed: {min}..{max}");
    }

    /// <summary>Throws unless <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/> and finite.</summary>
    public static void RequireRange(string field, double value, double min, double max)
    {
        if (!(value >= min && value <= max))
            throw new ConfigException(field, value, $"allowed: {min.ToString(System.Globalization.CultureInfo.InvariantCulture)}..{max.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>Throws unless <paramref name="value"/> is one of <paramref name="known"/> (ordinal, case-insensitive).</summary>
    public static string RequireOneOf(string field, string? value, IReadOnlyCollection<string> known)
    {
        foreach (var k in known)
            if (string.Equals(k, value, StringComparison.OrdinalIgnoreCase))
                return k;
        throw new ConfigException(field, value, $"allowed: {string.Join(", ", known)}");
    }
}
