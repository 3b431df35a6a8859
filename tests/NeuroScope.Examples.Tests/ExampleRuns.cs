namespace NeuroScope.Examples.Tests;

/// <summary>Every program in examples/, run once with <c>dotnet run examples/&lt;name&gt;.cs</c> and shared by the tests.</summary>
public sealed class ExampleRuns
{
    public ExampleRuns()
    {
        Folder = Path.Combine(FileProgram.RepositoryRoot, "examples");
        Names = [.. Directory.GetFiles(Folder, "*.cs").Select(Path.GetFileNameWithoutExtension).Order()!];
        // A German locale on purpose: the examples print their numbers the same way in every language.
        Runs = FileProgram.RunAll([.. Names.Select(name => Path.Combine("examples", name + ".cs"))], "de_DE.UTF-8", null);
    }

    /// <summary>The examples folder.</summary>
    public string Folder { get; }

    /// <summary>The examples' names, e.g. "dose" for examples/dose.cs.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Each example's run, by name.</summary>
    public IReadOnlyDictionary<string, ProgramRun> Runs { get; }

    /// <summary>The run of one example, which must have succeeded.</summary>
    public ProgramRun Succeeded(string name)
    {
        Assert.True(Runs.TryGetValue(name, out var run), $"examples/{name}.cs does not exist.");
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }
}
