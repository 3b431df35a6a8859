using System.Diagnostics;

namespace NeuroScope.Cli.Tests.Robustness;

/// <summary>
/// A run on a disk that fills up: a small tmpfs is mounted (this needs root on Linux; elsewhere the tests are skipped
/// with a message). The run must fail with exit 1, say the disk is full and which file, and leave every file whole.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly string _mount = Path.Combine(Path.GetTempPath(), $"neuroscope-full-{Guid.NewGuid():N}");
    private bool _mounted;

    [SkippableFact]
    public void Fit_DiskFillsWhileDrawing_FailsNamingTheDiskAndTheFile()
    {
        string stderr = RunFitOnFullDisk("64k", "--steps", "30", "--frame-every", "10", "--samples", "20", "--hidden", "4");

        Assert.Contains(".png", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    [SkippableFact]
    public void Fit_DiskFillsWhileLoggingMetrics_KeepsWholeLines()
    {
        // tmpfs counts whole 4 KiB pages: three go to .claim, config.json and run.json, three are left for metrics.csv.
        string stderr = RunFitOnFullDisk("24k", "--steps", "3000", "--frame-every", "1000", "--samples", "4", "--hidden", "2");

        Assert.Contains("metrics.csv", stderr);
        string metrics = File.ReadAllText(Directory.GetFiles(_mount, "metrics.csv", SearchOption.AllDirectories).Single());
        Assert.True(metrics.Split('\n').Length > 10, "some lines were written before the disk filled");
    }

    /// <summary>
    /// Runs a small fit (no sharpness) into a fresh tmpfs of <paramref name="size"/>, asserts that it failed as a full disk
    /// must (exit 1, saying so, every file whole) and returns what it printed on standard error.
    /// </summary>
    private string RunFitOnFullDisk(string size, params string[] fitOptions)
    {
        Mount(size);

        var (code, _, stderr) = CliProcess.Run(["fit", .. fitOptions, "--sharpness-every", "0", "--no-progress", "--runs-dir", _mount]);

        Assert.Equal(1, code);
        Assert.Contains("the disk is full", stderr);
        RunFiles.AssertConsistent(_mount);
        return stderr;
    }

    private void Mount(string size)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "a full disk is simulated with a tmpfs mount, which needs Linux");
        Directory.CreateDirectory(_mount);
        var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", _mount])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        mount.WaitForExit();
        _mounted = mount.ExitCode == 0;
        Skip.IfNot(_mounted, $"a {size} tmpfs could not be mounted here (mount needs root): {mount.StandardError.ReadToEnd().Trim()}");
    }

    public void Dispose()
    {
        if (_mounted)
            Process.Start("umount", [_mount])!.WaitForExit();
        if (Directory.Exists(_mount))
            Directory.Delete(_mount, recursive: true);
    }
}
