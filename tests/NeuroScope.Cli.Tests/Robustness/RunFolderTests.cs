using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Tests.Robustness;

public class RunFolderTests
{
    [Fact]
    public void Create_SixteenThreadsAtOnce_EachClaimsItsOwnFolder()
    {
        using var runner = new CliRunner("claim-threads");
        for (int round = 0; round < 10; round++)
        {
            using var start = new Barrier(16);
            var claimed = new RunDirectory[16];

            Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
            {
                start.SignalAndWait();
                claimed[i] = RunDirectory.Create(runner.RunsDir, "same");
            });

            Assert.Equal(16, claimed.Select(r => r.Path).Distinct().Count());
        }
        Assert.Equal(160, Directory.GetDirectories(runner.RunsDir).Length);
    }

    [Fact]
    public void Create_SixteenProcessesAtOnce_EachRunGetsItsOwnFolderAndItsOwnFiles()
    {
        using var runner = new CliRunner("claim-processes");
        var processes = Enumerable.Range(1, 16)
            .Select(i => CliProcess.Start(["copy", "--way", "pure", "--pure-epochs", "1", "--seed", i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--runs-dir", runner.RunsDir, "--quiet"]))
            .ToList();

        // Generous: sixteen .NET start-ups share the machine's cores.
        var codes = processes.Select(p => p.WaitForExit(TimeSpan.FromSeconds(300))).ToList();
        var stderr = string.Join("\n", processes.Select(p => p.Stderr));
        processes.ForEach(p => p.Dispose());

        Assert.All(codes, code => Assert.Equal(0, code));
        Assert.Equal("", stderr.Trim());
        var folders = Directory.GetDirectories(runner.RunsDir);
        Assert.Equal(16, folders.Length);
        // Each folder's config holds a different seed: no run's files were replaced by another's.
        var currents = folders.Select(f => File.ReadAllText(Path.Combine(f, "config.json"))).Distinct().Count();
        Assert.Equal(16, currents);
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, "summary.json")), f));
    }

    [Fact]
    public void Create_FolderExistsWithoutClaim_IsSkipped()
    {
        using var runner = new CliRunner("claim-existing");
        Directory.CreateDirectory(Path.Combine(runner.RunsDir, "fit_001"));

        var run = RunDirectory.Create(runner.RunsDir, "fit");

        Assert.Equal("fit_002", run.Name);
    }

    [Fact]
    public void SaveAll_WriterFails_LeavesNoFileAndNoStagingFolder()
    {
        using var runner = new CliRunner("staging");
        var run = RunDirectory.Create(runner.RunsDir, "x");

        Assert.Throws<InvalidOperationException>(() => run.SaveAll<int>(folder =>
        {
            File.WriteAllText(Path.Combine(folder, "half.png"), "half");
            throw new InvalidOperationException("drawing failed");
        }));

        Assert.Equal([RunDirectory.ClaimFile], Directory.GetFileSystemEntries(run.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_WriterFails_KeepsTheEarlierFileWhole()
    {
        using var runner = new CliRunner("atomic");
        var run = RunDirectory.Create(runner.RunsDir, "x");
        run.WriteText("a.txt", "first version");

        Assert.Throws<InvalidOperationException>(() => run.Save("a.txt", path =>
        {
            File.WriteAllText(path, "half of the second");
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("first version", File.ReadAllText(run.File("a.txt")));
        Assert.Equal(2, Directory.GetFiles(run.Path).Length);
    }
}
