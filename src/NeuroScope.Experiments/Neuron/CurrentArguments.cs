namespace NeuroScope.Experiments.Neuron;

/// <summary>The values a current was written with (defaults filled in), and what a file argument needs: the grid and the folder paths are relative to.</summary>
public sealed class CurrentArguments
{
    private readonly Dictionary<string, double> _numbers;
    private readonly Dictionary<string, string> _texts;

    internal CurrentArguments(Dictionary<string, double> numbers, Dictionary<string, string> texts, TimeGrid grid, string baseDirectory)
    {
        _numbers = numbers;
        _texts = texts;
        Grid = grid;
        BaseDirectory = baseDirectory;
    }

    /// <summary>The value of the number parameter <paramref name="name"/>.</summary>
    public double this[string name] => _numbers[name];

    /// <summary>The text of the file parameter <paramref name="name"/>.</summary>
    public string Text(string name) => _texts[name];

    /// <summary>The simulation's time grid (a recorded current must match it).</summary>
    public TimeGrid Grid { get; }

    /// <summary>The folder relative file paths are read from.</summary>
    public string BaseDirectory { get; }
}
