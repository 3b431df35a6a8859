using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments;

/// <summary>The one JSON convention of configs, summaries and results: camelCase keys, enums as camelCase strings, unknown keys rejected.</summary>
public static class ExperimentJson
{
    /// <summary>The shared serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    /// <summary>Serializes <paramref name="value"/> with the shared options.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a config or result of type <typeparamref name="T"/>; malformed JSON or an unknown key becomes a <see cref="ConfigException"/> that says where.</summary>
    public static T Deserialize<T>(string json, string source) => (T)Deserialize(typeof(T), json, source);

    /// <summary>Reads a config or result of type <paramref name="type"/>; malformed JSON, an unknown key or a value a type refuses becomes a <see cref="ConfigException"/> that says where.</summary>
    public static object Deserialize(Type type, string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type, Options)
                ?? throw new ConfigException(source, "null", "the file must hold a JSON object");
        }
        catch (ArgumentException e) when (e is not ConfigException)
        {
            // Records that validate as they are read (LifParameters, LossWeights) name the field in their message.
            throw new ConfigException(source, $"it holds a value that is not allowed: {e.Message.Split(" (Parameter", 2)[0]}");
        }
        catch (JsonException e) when (WrongValue(type, json, e) is { } wrong)
        {
            throw wrong;
        }
        catch (JsonException e)
        {
            string where = e.Path is null ? "" : $" at {e.Path}";
            string line = e.LineNumber is null ? "" : $" (line {e.LineNumber + 1})";
            throw new ConfigException(source, $"not a valid configuration{where}{line}: {FirstSentence(e.Message).TrimEnd('.')}.");
        }
    }

    /// <summary>Reads and deserializes a JSON file, with a clear message when it is missing or malformed.</summary>
    public static T ReadFile<T>(string path) => (T)ReadFile(typeof(T), path);

    /// <summary>Reads and deserializes a JSON file as <paramref name="type"/>, with a clear message when it is missing or malformed.</summary>
    public static object ReadFile(Type type, string path)
    {
        if (!File.Exists(path))
            throw new ConfigException("config", Directory.Exists(path)
                ? $"'{MessageText.Shorten(path)}' is a folder; give its config.json."
                : $"the file '{MessageText.Shorten(path)}' does not exist.");
        return Deserialize(type, ReadBounded(path), MessageText.Shorten(path));
    }

    /// <summary>The largest config file read, in characters; a config is a few kilobytes.</summary>
    public const int MaxConfigLength = 1 << 20;

    // Read with a bound, so a device or pipe that never ends (--config /dev/zero) is refused instead of filling memory.
    private static string ReadBounded(string path)
    {
        using var reader = new StreamReader(path);
        var buffer = new char[MaxConfigLength + 1];
        int length = 0, read;
        while (length < buffer.Length && (read = reader.Read(buffer, length, buffer.Length - length)) > 0)
            length += read;
        if (length > MaxConfigLength)
            throw new ConfigException("config", $"'{MessageText.Shorten(path)}' is longer than {MaxConfigLength >> 20} MB; a config.json is a few kilobytes.");
        return new string(buffer, 0, length);
    }

    // A well-formed file with a value of the wrong kind in a declared option ("learningRate": "0,1") gets the one
    // message format, naming the field as config.json spells it.
    private static ConfigException? WrongValue(Type type, string json, JsonException e)
    {
        if (e.Path is not { } path || !path.StartsWith("$.", StringComparison.Ordinal) || path.IndexOfAny(['.', '['], 2) >= 0)
            return null;
        string field = path[2..];
        if (type.GetConstructor(Type.EmptyTypes) is null)
            return null;
        var option = global::NeuroScope.Experiments.Options.OptionSet.For(type).ByJsonName(field);
        if (option is null)
            return null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!document.RootElement.TryGetProperty(field, out var value))
                return null;
            string allowed = option.Choices is { } choices ? "allowed: " + string.Join(", ", choices)
                : option.ValueType == typeof(double) ? "it must be a JSON number, with '.' as the decimal point and no thousands separators"
                : option.ValueType == typeof(int) ? "it must be a whole JSON number"
                : option.ValueType == typeof(bool) ? "it must be true or false"
                : $"it must have the JSON form of its default, {JsonSerializer.Serialize(option.Default, option.Property.PropertyType, Compact)}";
            return new ConfigException(field, value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), allowed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
