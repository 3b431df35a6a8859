using System.Reflection;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Options;

/// <summary>An enum value's name as config.json writes it (its <see cref="JsonStringEnumMemberNameAttribute"/>, else camelCase), which is also its CLI name.</summary>
public static class EnumNames
{
    /// <summary>The names of every value of <paramref name="type"/>, in declaration order.</summary>
    public static IReadOnlyList<string> Of(Type type) => Enum.GetValues(type).Cast<Enum>().Select(Format).ToList();

    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Format(Enum value)
    {
        string member = value.ToString();
        var field = value.GetType().GetField(member, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? ExperimentJson.Options.PropertyNamingPolicy!.ConvertName(member);
    }

    /// <summary>The value named <paramref name="text"/> (case-insensitive), or null.</summary>
    public static object? Parse(Type type, string text)
    {
        foreach (Enum value in Enum.GetValues(type))
            if (string.Equals(Format(value), text, StringComparison.OrdinalIgnoreCase))
                return value;
        return null;
    }
}
