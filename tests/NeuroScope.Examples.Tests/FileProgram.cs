using System.Collections.Concurrent;
using System.Diagnostics;

namespace NeuroScope.Examples.Tests;

/// <summary>What one <c>dotnet run file.cs</c> did: its exit code, output and wall time.</summary>
public sealed record ProgramRun(string Name, int ExitCode, string Output, string Errors, TimeSpan Elapsed)
{
    /// <summary>The output's lines, without the trailing empty one.</summary>
    public string[] Lines => Output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    /// <summary>Everything a failed assertion needs to show.</summary>
    public override string ToString() => $"{Name}: exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}

/// <summary>Runs single-file C# programs with <c>dotnet run</c>, exactly as a reader of the examples would.</summary>
public static class FileProgram
{
    /// <summary>The repository root: the nearest folder above the test assembly that holds NeuroScope.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>
    /// Runs <c>dotnet run [extra] file</c> from the repository root for each file and returns the runs by file name. The
    /// first runs alone: its build brings the projects the files reference up to date, so the others, at most two at a
    /// time (each build is mostly single-threaded), find them built instead of writing the same outputs at once.
    /// </summary>
    /// <param name="locale">The LANG and LC_ALL the programs see, e.g. de_DE.UTF-8 to show that they print numbers the same way everywhere.</param>
    /// <param name="workingDirectory">Where the programs run (and write any files); null for the repository root.</param>
    public static IReadOnlyDictionary<string, ProgramRun> RunAll(IReadOnlyList<string> files, string locale, string? workingDirectory, params string[] extra)
    {
        var runs = new ConcurrentDictionary<string, ProgramRun>();
        if (files.Count == 0)
            return runs;
        runs[Path.GetFileNameWithoutExtension(files[0])] = Run(files[0], locale, workingDirectory, extra);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 2) };
        Parallel.ForEach(files.Skip(1), options, file => runs[Path.GetFileNameWithoutExtension(file)] = Run(file, locale, workingDirectory, extra));
        return runs;
    }

    /// <summary>Runs one file; a run that takes over fifteen minutes is stopped and reported as exit code −1.</summary>
    public static ProgramRun Run(string file, string locale, string? workingDirectory, params string[] extra)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory ?? RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("run");
        foreach (string argument in extra)
            start.ArgumentList.Add(argument);
        start.ArgumentList.Add(file);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["LANG"] = locale;
        start.Environment["LC_ALL"] = locale;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return new ProgramRun(file, -1, output.Result, errors.Result + "\n(stopped after fifteen minutes)", watch.Elapsed);
        }
        process.WaitForExit();
        return new ProgramRun(file, process.ExitCode, output.Result, errors.Result, watch.Elapsed);
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "NeuroScope.slnx")))
                return folder.FullName;
        throw new InvalidOperationException($"No NeuroScope.slnx above {AppContext.BaseDirectory}: the tests run inside the repository.");
    }
}

/// <summary>
/// The test classes that start <c>dotnet run</c> builds: one collection, so they run one after the other and never
/// build the same projects at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetRunCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "dotnet run";
}
