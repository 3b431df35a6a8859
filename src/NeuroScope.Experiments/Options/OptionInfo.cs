using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Options;

/// <summary>
/// One declared option, read from its <see cref="OptionAttribute"/> and its property: names (CLI and config.json), help,
/// unit, default, allowed range or values; it parses CLI text with the invariant culture, formats values back, and
/// validates with the one message format <c>name: value is not allowed; what is allowed.</c>
/// </summary>
public sealed class OptionInfo
{
    private readonly OptionAttribute _declaration;
    private readonly IOptionSyntax? _syntax;

    internal OptionInfo(PropertyInfo property, OptionAttribute declaration, object defaults)
    {
        Property = property;
        _declaration = declaration;
        ValueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        JsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name
            ?? ExperimentJson.Options.PropertyNamingPolicy!.ConvertName(property.Name);
        CliName = declaration.Name ?? "--" + Kebab(property.Name);
        Label = declaration.Label ?? Words(property.Name);
        _syntax = declaration.Syntax is null ? null : (IOptionSyntax)Activator.CreateInstance(declaration.Syntax)!;
        Choices = ReadChoices(property.DeclaringType!, declaration) ?? (ValueType.IsEnum ? EnumNames.Of(ValueType) : null);
        Default = property.GetValue(defaults);
    }

    /// <summary>The config property.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The property's type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType { get; }

    /// <summary>The key in config.json, e.g. <c>learningRate</c>.</summary>
    public string JsonName { get; }

    /// <summary>The CLI name, e.g. <c>--learning-rate</c>.</summary>
    public string CliName { get; }

    /// <summary>Other accepted CLI names.</summary>
    public IReadOnlyList<string> Aliases => _declaration.Aliases;

    /// <summary>What the value does.</summary>
    public string Help => _declaration.Help;

    /// <summary>The unit, or null.</summary>
    public string? Unit => _declaration.Unit;

    /// <summary>A short human label for reports, e.g. "Learning rate".</summary>
    public string Label { get; }

    /// <summary>The variants (subcommands) that show this option; null for all.</summary>
    public IReadOnlyList<string>? Only => _declaration.Only;

    /// <summary>The config's default value.</summary>
    public object? Default { get; }

    /// <summary>The allowed texts of a name-valued option (choices or enum names), or null.</summary>
    public IReadOnlyList<string>? Choices { get; }

    /// <summary>The smallest allowed value (of each element of a list); NaN when there is no lower bound.</summary>
    public double Min => _declaration.Min;

    /// <summary>The largest allowed value (of each element of a list); NaN when there is no upper bound.</summary>
    public double Max => _declaration.Max;

    /// <summary>Whether <see cref="Min"/> itself is excluded.</summary>
    public bool MinExclusive => _declaration.MinExclusive;

    /// <summary>Whether the option is an on/off flag (<c>--sweep</c>).</summary>
    public bool IsFlag => ValueType == typeof(bool);

    /// <summary>Whether one value is a number, a flag or a name: its CLI text never holds a ',' (a list, a formula or a composite value may).</summary>
    public bool IsScalar => Kind is ValueKind.Flag or ValueKind.Integer or ValueKind.Number or ValueKind.Enum || (Kind == ValueKind.Text && Choices is not null);

    /// <summary>The default as CLI text, as --help shows it.</summary>
    public string DefaultText => Format(Default);

    /// <summary>The placeholder in --help: <c>number</c>, <c>integer</c>, <c>plain|trainer|both</c>, a syntax's own.</summary>
    public string HelpName => _syntax?.HelpName ?? (Choices is { Count: <= 8 } ? string.Join('|', Choices) : Choices is not null ? "name" : Kind switch
    {
        ValueKind.Integer => "integer",
        ValueKind.Number => "number",
        ValueKind.IntegerList => "integer,…",
        ValueKind.NumberList => "number,…",
        ValueKind.Pairs => "name=value,…",
        ValueKind.TextList => "name,…",
        _ => "text",
    });

    /// <summary>The allowed range or values in words for --help, e.g. <c>&gt; 0</c>, <c>1..1000000</c>; empty when anything goes.</summary>
    public string RangeText
    {
        get
        {
            if (Choices is { Count: > 8 })
                return "one of: " + string.Join(", ", Choices);
            double min = _declaration.Min, max = _declaration.Max;
            bool hasMin = !double.IsNaN(min), hasMax = !double.IsNaN(max);
            if (hasMin && hasMax)
                return _declaration.MinExclusive ? $"> {N(min)} and ≤ {N(max)}" : $"{N(min)}..{N(max)}";
            if (hasMin)
                return _declaration.MinExclusive ? $"> {N(min)}" : $"≥ {N(min)}";
            if (hasMax)
                return $"≤ {N(max)}";
            return _declaration.Finite ? "finite" : "";
        }
    }

    /// <summary>The option's description in --help: the help, the unit and range, and the default.</summary>
    public string HelpLine
    {
        get
        {
            var text = new StringBuilder(Help.TrimEnd('.'));
            var detail = new List<string>();
            if (Unit is not null)
                detail.Add(Unit);
            if (RangeText.Length > 0)
                detail.Add(RangeText);
            if (detail.Count > 0)
                text.Append(" (").Append(string.Join("; ", detail)).Append(')');
            text.Append(". [default: ").Append(DefaultText).Append(']');
            return text.ToString();
        }
    }

    private ValueKind Kind => ValueType switch
    {
        _ when _syntax is not null => ValueKind.Custom,
        _ when ValueType == typeof(bool) => ValueKind.Flag,
        _ when ValueType == typeof(int) || ValueType == typeof(long) => ValueKind.Integer,
        _ when ValueType == typeof(double) => ValueKind.Number,
        _ when ValueType == typeof(string) => ValueKind.Text,
        _ when ValueType.IsEnum => ValueKind.Enum,
        _ when ValueType == typeof(int[]) => ValueKind.IntegerList,
        _ when ValueType == typeof(double[]) || ValueType == typeof(IReadOnlyList<double>) => ValueKind.NumberList,
        _ when ValueType == typeof(Dictionary<string, double>) => ValueKind.Pairs,
        _ when ValueType == typeof(string[]) => ValueKind.TextList,
        _ => throw new InvalidOperationException(
            $"{Property.DeclaringType!.Name}.{Property.Name}: an option of type {ValueType.Name} needs a Syntax in its [Option] declaration."),
    };

    /// <summary>The value of this option in <paramref name="config"/>.</summary>
    public object? GetValue(object config) => Property.GetValue(config);

    /// <summary>Sets this option in <paramref name="config"/> (a fresh copy the caller owns: records are otherwise immutable).</summary>
    public void SetValue(object config, object? value) => Property.SetValue(config, value);

    /// <summary>
    /// Reads CLI <paramref name="text"/> with the invariant culture ('.' decimal point, no thousands separators);
    /// throws a <see cref="ConfigException"/> naming <paramref name="name"/>, the text and what is allowed.
    /// </summary>
    public object? Parse(string text, object? current, string name)
    {
        try
        {
            return ParseCore(text.Trim(), current);
        }
        catch (OptionSyntaxException e)
        {
            throw new ConfigException(name, text, e.Allowed);
        }
    }

    private object? ParseCore(string text, object? current)
    {
        switch (Kind)
        {
            case ValueKind.Custom:
                return _syntax!.Parse(text, current);
            case ValueKind.Flag:
                return text.ToLowerInvariant() switch
                {
                    "true" or "on" or "yes" or "1" => true,
                    "false" or "off" or "no" or "0" => false,
                    _ => throw new OptionSyntaxException("give true or false"),
                };
            case ValueKind.Integer:
                if (IsNone(text) && Nullable.GetUnderlyingType(Property.PropertyType) is not null)
                    return null;
                return int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int i)
                    ? i
                    : throw new OptionSyntaxException("it must be a whole number with no thousands separators");
            case ValueKind.Number:
                if (IsNone(text) && Nullable.GetUnderlyingType(Property.PropertyType) is not null)
                    return null;
                return ParseNumber(text);
            case ValueKind.Text:
                if (IsNone(text) && Property.PropertyType == typeof(string) && Default is null)
                    return null;
                if (Choices is not null)
                    return Canonical(text) ?? throw new OptionSyntaxException("allowed: " + string.Join(", ", Choices));
                return text;
            case ValueKind.Enum:
                return EnumNames.Parse(ValueType, text) ?? throw new OptionSyntaxException("allowed: " + string.Join(", ", Choices!));
            case ValueKind.IntegerList:
                if (IsNone(text) || text.Length == 0)
                    return Array.Empty<int>();
                return Split(text).Select(part => int.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
                    ? v : throw new OptionSyntaxException("give whole numbers separated by ',' (e.g. 64,64)")).ToArray();
            case ValueKind.NumberList:
                if (IsNone(text) && Default is null)
                    return null;
                double[] numbers = Split(text).Select(ParseListNumber).ToArray();
                return numbers;
            case ValueKind.Pairs:
                if (IsNone(text) && Default is null)
                    return null;
                return Pairs.Parse(text);
            case ValueKind.TextList:
                return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>Writes <paramref name="value"/> as CLI text (what <see cref="Parse"/> reads back).</summary>
    public string Format(object? value)
    {
        if (_syntax is not null)
            return _syntax.Format(value);
        return value switch
        {
            null => "none",
            bool b => b ? "true" : "false",
            double d => N(d),
            int i => i.ToString(CultureInfo.InvariantCulture),
            string s => s,
            Enum e => EnumNames.Format(e),
            Dictionary<string, double> pairs => Pairs.Format(pairs),
            IEnumerable list => string.Join(",", list.Cast<object>().Select(Format)),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
    }

    /// <summary>Throws a <see cref="ConfigException"/> naming <see cref="JsonName"/> unless <paramref name="value"/> is in the declared range or values.</summary>
    public void Validate(object? value)
    {
        switch (value)
        {
            case null:
                return;
            case double d:
                CheckNumber(d, JsonName);
                return;
            case int i:
                CheckNumber(i, JsonName);
                return;
            case string s when Choices is not null:
                if (Canonical(s) is null)
                    throw new ConfigException(JsonName, s, "allowed: " + string.Join(", ", Choices));
                return;
            case Enum e:
                if (!Enum.IsDefined(ValueType, e))
                    throw new ConfigException(JsonName, e.ToString(), "allowed: " + string.Join(", ", Choices!));
                return;
            case IEnumerable<double> numbers:
                int at = 0;
                foreach (double n in numbers)
                    CheckNumber(n, $"{JsonName}[{at++}]");
                return;
            case IEnumerable<int> integers:
                int index = 0;
                foreach (int n in integers)
                    CheckNumber(n, $"{JsonName}[{index++}]");
                return;
            case Dictionary<string, double> pairs:
                foreach (var (key, n) in pairs)
                    CheckNumber(n, $"{JsonName}.{key}");
                return;
        }
    }

    private void CheckNumber(double value, string field)
    {
        double min = _declaration.Min, max = _declaration.Max;
        bool hasMin = !double.IsNaN(min), hasMax = !double.IsNaN(max);
        bool isInteger = ValueType == typeof(int) || ValueType == typeof(int[]);
        bool ok = (!hasMin || (_declaration.MinExclusive ? value > min : value >= min)) && (!hasMax || value <= max)
            && (!(hasMin || hasMax || _declaration.Finite) || double.IsFinite(value));
        if (ok)
            return;
        object shown = isInteger ? (int)value : value;
        if (hasMin && hasMax)
            throw new ConfigException(field, shown, _declaration.MinExclusive ? $"it must be greater than {N(min)} and at most {N(max)}" : $"allowed: {N(min)}..{N(max)}");
        if (hasMin && min == 0)
            throw new ConfigException(field, shown, _declaration.MinExclusive ? "it must be a positive number" : "it must be a finite number ≥ 0");
        if (hasMin)
            throw new ConfigException(field, shown, _declaration.MinExclusive ? $"it must be greater than {N(min)}" : $"it must be at least {N(min)}");
        if (hasMax)
            throw new ConfigException(field, shown, $"it must be at most {N(max)}");
        throw new ConfigException(field, shown, "it must be a finite number");
    }

    private string? Canonical(string text)
    {
        foreach (var choice in Choices!)
            if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase))
                return choice;
        return null;
    }

    private static IReadOnlyList<string>? ReadChoices(Type configType, OptionAttribute declaration)
    {
        if (declaration.Choices is not null)
        {
            var holder = declaration.ChoicesType ?? configType;
            var source = holder.GetProperty(declaration.Choices, BindingFlags.Public | BindingFlags.Static)
                ?? throw new InvalidOperationException($"{holder.Name}.{declaration.Choices} is not a public static property.");
            return ((IEnumerable<string>)source.GetValue(null)!).ToList();
        }
        return null;
    }

    /// <summary>Reads one number with the invariant culture; "1,5" and "1,000" are errors, not other numbers.</summary>
    public static double ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new OptionSyntaxException("it must be a number with '.' as the decimal point and no thousands separators");

    private static double ParseListNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new OptionSyntaxException("give numbers separated by ',' with '.' as the decimal point");

    private static bool IsNone(string text) => text.Equals("none", StringComparison.OrdinalIgnoreCase);

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>A number as CLI text: the shortest round-trip form, invariant.</summary>
    public static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary><c>LearningRate</c> → <c>learning-rate</c>.</summary>
    public static string Kebab(string name)
    {
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
                text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    private static string Words(string name)
    {
        string words = Kebab(name).Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private enum ValueKind { Custom, Flag, Integer, Number, Text, Enum, IntegerList, NumberList, Pairs, TextList }

    /// <summary>The name=value,… syntax of a dictionary of numbers.</summary>
    private static class Pairs
    {
        public static Dictionary<string, double> Parse(string text)
        {
            var result = new Dictionary<string, double>();
            foreach (string pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                int equals = pair.IndexOf('=');
                if (equals <= 0 || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                    throw new OptionSyntaxException("give name=value pairs separated by ',' (e.g. a=0.02,c=-0.5)");
                result[pair[..equals].Trim()] = value;
            }
            return result;
        }

        public static string Format(Dictionary<string, double> pairs) => string.Join(",", pairs.Select(p => $"{p.Key}={N(p.Value)}"));
    }
}
