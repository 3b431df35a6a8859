using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Reads config.json's <c>current</c> as a list of currents in the current syntax, accepting a number (<c>20</c>), one
/// current (<c>"20 + sine(amplitude=5,period=25)"</c>) or a list of them (<c>["18", "pulse(start=20,stop=180,amplitude=25)"]</c>);
/// writes a list of strings.
/// </summary>
public sealed class CurrentListConverter : JsonConverter<string[]>
{
    /// <inheritdoc/>
    public override string[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            return [Item(ref reader)];
        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            items.Add(Item(ref reader));
        return [.. items];
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, string[] value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
            writer.WriteStringValue(item);
        writer.WriteEndArray();
    }

    private static string Item(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonTokenType.String => reader.GetString()!,
        _ => throw new JsonException("a current must be a number or a string such as \"pulse(start=20,stop=80,amplitude=25)\""),
    };
}
