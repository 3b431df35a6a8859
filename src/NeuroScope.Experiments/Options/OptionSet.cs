using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Options;

/// <summary>The declared options of one config type, in declaration order; read once by reflection and cached.</summary>
public sealed class OptionSet
{
    private static readonly ConcurrentDictionary<Type, OptionSet> Cache = new();

    private OptionSet(Type configType)
    {
        ConfigType = configType;
        object defaults = Activator.CreateInstance(configType)
            ?? throw new InvalidOperationException($"{configType.Name} needs a public parameterless constructor.");
        var options = new List<OptionInfo>();
        var undeclared = new List<string>();
        foreach (var property in configType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<OptionAttribute>() is { } declaration)
                options.Add(new OptionInfo(property, declaration, defaults));
            else if (property.SetMethod is { IsPublic: true } && property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                undeclared.Add(property.Name);
        }
        Options = options;
        Undeclared = undeclared;
    }

    /// <summary>The config type.</summary>
    public Type ConfigType { get; }

    /// <summary>Every declared option.</summary>
    public IReadOnlyList<OptionInfo> Options { get; }

    /// <summary>Settable, serialized properties without an <see cref="OptionAttribute"/> (a config should have none).</summary>
    public IReadOnlyList<string> Undeclared { get; }

    /// <summary>The options of <typeparamref name="TConfig"/>.</summary>
    public static OptionSet For<TConfig>() => For(typeof(TConfig));

    /// <summary>The options of <paramref name="configType"/>.</summary>
    public static OptionSet For(Type configType) => Cache.GetOrAdd(configType, t => new OptionSet(t));

    /// <summary>The option whose config.json key is <paramref name="jsonName"/>, or null.</summary>
    public OptionInfo? ByJsonName(string jsonName) => Options.FirstOrDefault(o => o.JsonName == jsonName);

    /// <summary>Checks every option's declared range or values; throws a <see cref="ConfigException"/> naming the first bad field.</summary>
    public void Validate(object config)
    {
        foreach (var option in Options)
            option.Validate(option.GetValue(config));
    }

    /// <summary>The options of <paramref name="config"/> as the report labels them: label, value as text, unit.</summary>
    public IReadOnlyList<(string Label, string Value, string? Unit)> Describe(object config) =>
        Options.Select(o => (o.Label, o.Format(o.GetValue(config)), o.Unit)).ToList();
}
