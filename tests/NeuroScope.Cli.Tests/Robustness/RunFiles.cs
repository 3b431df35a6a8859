namespace NeuroScope.Cli.Tests.Robustness;

/// <summary>Checks that a runs folder is consistent after a failed or cancelled run.</summary>
internal static class RunFiles
{
    /// <summary>Every run folder has config.json and run.json; nothing half-written (temporaries, staging folders) is left anywhere.</summary>
    public static void AssertConsistent(string runsDir)
    {
        var leftovers = Directory.GetFileSystemEntries(runsDir, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".tmp", StringComparison.Ordinal) || Path.GetFileName(p).Contains(".partial", StringComparison.Ordinal)
                || Path.GetFileName(p).StartsWith(".staging", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(leftovers);
        foreach (string run in Directory.GetFiles(runsDir, "config.json", SearchOption.AllDirectories).Select(Path.GetDirectoryName).OfType<string>())
            Assert.True(File.Exists(Path.Combine(run, "run.json")), $"{run} has no run.json");
        foreach (string csv in Directory.GetFiles(runsDir, "*.csv", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(csv);
            Assert.True(text.Length == 0 || text.EndsWith('\n'), $"{csv} ends mid-line");
        }
    }
}
