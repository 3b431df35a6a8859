namespace NeuroScope.Experiments;

/// <summary>Where an experiment writes its own files (learned parameters, extra tables): a run directory, each file written whole.</summary>
public interface IRunFiles
{
    /// <summary>The full path of <paramref name="fileName"/> in the run directory.</summary>
    string File(string fileName);

    /// <summary>Writes a text file whole; returns its path.</summary>
    string WriteText(string fileName, string content);

    /// <summary>Writes <paramref name="value"/> as JSON (<see cref="ExperimentJson"/>) whole; returns its path.</summary>
    string WriteJson<T>(string fileName, T value);
}
