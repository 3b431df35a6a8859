using System.Text.Json;
using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Writes <see cref="LossWeights"/> as an object of every component's weight by loss name; reading, a name left out keeps its default.</summary>
internal sealed class LossWeightsJsonConverter : JsonConverter<LossWeights>
{
    public override LossWeights Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("The weights must be an object of weights by loss name, e.g. {\"matched-voltage\": 10}.");
        var weights = new LossWeights();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (!NeuronLoss.TryParse(name, null, out var loss) || loss == NeuronLoss.Combined)
                throw new JsonException($"'{name}' is not a component loss; allowed: {string.Join(", ", NeuronLoss.Components.Select(l => l.Name))}.");
            double weight = reader.GetDouble();
            try
            {
                weights = weights.With(loss, weight);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new JsonException($"The weight of {loss.Name} must be a finite number of at least 0, but was {LifParameters.Format(weight)}.");
            }
        }
        return weights;
    }

    public override void Write(Utf8JsonWriter writer, LossWeights value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var loss in NeuronLoss.Components)
            writer.WriteNumber(loss.Name, value.Of(loss));
        writer.WriteEndObject();
    }
}
