using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// <c>--current</c> on the command line: one current in the current syntax (<see cref="Currents"/>), or several, one per
/// recording, separated by ';' (<c>18; pulse(start=20,stop=180,amplitude=25)</c>). Each is checked when the config is validated.
/// </summary>
public sealed class CurrentSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "current[; current…]";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        var currents = Currents.SplitRecordings([text]);
        if (currents.Any(string.IsNullOrWhiteSpace))
            throw new OptionSyntaxException("give a current such as 20 or pulse(start=20,stop=80,amplitude=25); separate several with ';'");
        return currents;
    }

    /// <inheritdoc/>
    public string Format(object? value) => value is string[] currents ? string.Join("; ", currents) : "";
}
