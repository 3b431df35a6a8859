using System.Globalization;
using NeuroScope.Cli.Board;
using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>The board's figures the README quotes come from the code.</summary>
public sealed class BoardReadmeTests
{
    private static string Readme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroScope.slnx")))
                return File.ReadAllText(Path.Combine(dir.FullName, "README.md"));
        }
        throw new InvalidOperationException("The repository root (NeuroScope.slnx) is not above the test's folder.");
    }

    [Fact]
    public void Readme_BoardSection_QuotesThePortPointsAndPollOfTheCode()
    {
        string readme = Readme();

        Assert.Contains($"http://127.0.0.1:{BoardCommand.DefaultPort}/", readme);
        Assert.Contains($"to {MetricsFile.DefaultPoints.ToString("N0", CultureInfo.InvariantCulture)} points", readme);
        Assert.Equal(TimeSpan.FromSeconds(0.25), BoardSettings.DefaultPoll);
        Assert.Contains("within a quarter of a second", readme);
    }
}
