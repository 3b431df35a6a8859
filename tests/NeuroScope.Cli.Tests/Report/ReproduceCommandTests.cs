using NeuroScope.Cli.Report;

namespace NeuroScope.Cli.Tests.Report;

/// <summary>The report's "Reproduce it" line: the command that works from where the user ran the tour comes first.</summary>
public sealed class ReproduceCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"neuroscope-repo-{Guid.NewGuid():N}");

    public ReproduceCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "src", "NeuroScope.Cli", "bin", "Release", "net10.0"));
        File.WriteAllText(Path.Combine(_root, "src", "NeuroScope.Cli", "NeuroScope.Cli.csproj"), "<Project />");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Build => Path.Combine(_root, "src", "NeuroScope.Cli", "bin", "Release", "net10.0");

    [Fact]
    public void For_InstalledTool_PutsTheToolsCommandFirst()
    {
        string store = Path.Combine(Path.GetTempPath(), ".dotnet", "tools", ".store", "neuroscope", "0.1.0");

        var command = ReproduceCommand.For(["fit", "--learning-rate", "0.02"], baseDirectory: store, currentDirectory: Path.GetTempPath());

        Assert.Equal("neuroscope fit --learning-rate 0.02", command.Here);
        Assert.Equal("dotnet run --project src/NeuroScope.Cli -c Release -- fit --learning-rate 0.02", command.Other);
    }

    [Fact]
    public void For_BuildRunFromTheRepositoryRoot_GivesTheReadmesDotnetRun()
    {
        var command = ReproduceCommand.For(["dose"], baseDirectory: Build, currentDirectory: _root);

        Assert.Equal("dotnet run --project src/NeuroScope.Cli -c Release -- dose", command.Here);
        Assert.Equal("neuroscope dose", command.Other);
    }

    [Fact]
    public void For_BuildRunFromASubfolder_PointsToTheProjectFromThere()
    {
        string docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;

        var command = ReproduceCommand.For(["neuron", "silent"], baseDirectory: Build, currentDirectory: docs);

        Assert.Equal("dotnet run --project ../src/NeuroScope.Cli -c Release -- neuron silent", command.Here);
    }

    [Fact]
    public void For_BuildRunFromOutsideTheRepository_GivesTheProjectsFullPath()
    {
        string elsewhere = Path.Combine(Path.GetTempPath(), $"neuroscope-elsewhere-{Guid.NewGuid():N}");

        var command = ReproduceCommand.For(["copy"], baseDirectory: Build, currentDirectory: elsewhere);

        Assert.Equal($"dotnet run --project {_root}/src/NeuroScope.Cli -c Release -- copy", command.Here);
    }

    [Fact]
    public void For_ArgumentWithSpacesOrShellCharacters_IsQuotedForTheShell()
    {
        var command = ReproduceCommand.For(["fit", "--rhs", "-pi^2*sin(pi*x)", "--name", "it's"], baseDirectory: Build, currentDirectory: _root);

        Assert.EndsWith("-- fit --rhs '-pi^2*sin(pi*x)' --name 'it'\\''s'", command.Here);
    }
}
