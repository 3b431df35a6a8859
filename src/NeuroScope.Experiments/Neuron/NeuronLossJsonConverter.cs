using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Writes a <see cref="NeuronLoss"/> as its registry name and reads it back, naming the known losses when the name is unknown.</summary>
internal sealed class NeuronLossJsonConverter : JsonConverter<NeuronLoss>
{
    public override NeuronLoss Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return NeuronLoss.TryParse(name, null, out var loss)
            ? loss
            : throw new JsonException($"'{name}' is not a neuron loss; allowed: {string.Join(", ", NeuronLoss.Names)}.");
    }

    public override void Write(Utf8JsonWriter writer, NeuronLoss value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
}
