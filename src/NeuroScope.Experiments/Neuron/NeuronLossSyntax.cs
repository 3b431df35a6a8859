using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>A neuron loss on the command line: its registry name (<c>earth-mover</c>, <c>combined</c>; see <see cref="NeuronLoss.Names"/>).</summary>
public sealed class NeuronLossSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "name";

    /// <inheritdoc/>
    public object? Parse(string text, object? current) => NeuronLoss.TryParse(text, null, out var loss)
        ? loss
        : throw new OptionSyntaxException("allowed: " + string.Join(", ", NeuronLoss.Names));

    /// <inheritdoc/>
    public string Format(object? value) => value is NeuronLoss loss ? loss.Name : "none";
}
