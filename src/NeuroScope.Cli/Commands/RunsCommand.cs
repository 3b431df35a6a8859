using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NeuroScope.Experiments;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary><c>neuroscope runs</c>: lists run directories at any depth (tour runs included) with their experiment, date and headline numbers.</summary>
internal static class RunsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var runsDir = CommonOptions.RunsDir();
        var command = new Command("runs", "List the run directories: name, experiment, date and headline numbers.\n\nExamples:\n  neuroscope runs\n  neuroscope runs --runs-dir ./my-runs")
        {
            runsDir,
        };
        command.SetAction(parse =>
        {
            var cli = CommonOptions.Context(parse, output, error);
            string root = parse.GetValue(runsDir)!;
            var runs = RunCatalog.List(root);
            if (runs.Count == 0)
            {
                cli.Output.WriteLine($"No runs in '{root}'. Make one with, for example: neuroscope dose");
                return CliApp.Success;
            }
            if (!cli.RichProgress && cli.Console_.Profile.Width < 150)
                cli.Console_.Profile.Width = 150;
            var table = new Table().AddColumns("run", "experiment", "date", "headline");
            foreach (var run in runs)
                table.AddRow(Markup.Escape(run.Name), Markup.Escape(run.Experiment), run.Created?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "?", Markup.Escape(run.Headline));
            cli.Console_.Write(table);
            return CliApp.Success;
        });
        return command;
    }
}

/// <summary>What <c>neuroscope runs</c> shows of one run directory.</summary>
/// <param name="Name">The path below the runs folder, e.g. <c>tour_001/dose_001</c>.</param>
internal sealed record RunEntry(string Name, string Path, string Experiment, DateTimeOffset? Created, string Headline);

/// <summary>Finds run directories at any depth: run.json for the experiment and date, summary.json's headline numbers.</summary>
internal static class RunCatalog
{
    public static List<RunEntry> List(string root)
    {
        var entries = new List<RunEntry>();
        if (!Directory.Exists(root))
            return entries;
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            IEnumerable<string> children;
            try
            {
                children = Directory.GetDirectories(dir);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                continue;
            }
            foreach (string child in children)
            {
                if (ReadInfo(child) is { } info)
                    entries.Add(new RunEntry(System.IO.Path.GetRelativePath(root, child).Replace('\\', '/'), child, MessageText.Shorten(info.Experiment), info.Created, Headline(child)));
                // A tour folder holds runs; a run folder holds none, but looking costs little and finds nested sweeps too.
                pending.Push(child);
            }
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>The run name of a run folder: <c>original-run_002</c> → <c>original-run</c>.</summary>
    public static string NameOf(string folderName)
    {
        int underscore = folderName.LastIndexOf('_');
        return underscore > 0 && folderName[(underscore + 1)..].All(char.IsAsciiDigit) ? folderName[..underscore] : folderName;
    }

    public static (string Experiment, DateTimeOffset? Created)? ReadInfo(string dir)
    {
        string path = System.IO.Path.Combine(dir, "run.json");
        if (!File.Exists(path))
            return null;
        try
        {
            // run.json is small; a larger one is not ours, and reading it whole could fill memory.
            if (new FileInfo(path).Length > 1 << 20)
                return null;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            string experiment = root.TryGetProperty("experiment", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "?" : "?";
            DateTimeOffset? created = root.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetDateTimeOffset(out var d) ? d : null;
            return (experiment, created);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const int ListedHeadlines = 2;

    // The experiment's own headline numbers from summary.json: "label value unit; …".
    private static string Headline(string dir)
    {
        if (!File.Exists(System.IO.Path.Combine(dir, "summary.json")))
            return "(no summary: interrupted?)";
        if (ReadHeadlines(dir) is not { } headlines)
            return "(unreadable summary)";
        // The first two headlines are the experiment's main numbers; the rest belong to the run's own page.
        return string.Join("; ", headlines.Take(ListedHeadlines).Select(line =>
            $"{MessageText.Shorten(line.Label)} {MessageText.Shorten(line.Value.ToString("G6", CultureInfo.InvariantCulture))}{MessageText.Shorten(line.Unit is null ? "" : " " + line.Unit)}"));
    }

    /// <summary>The headline numbers in a run folder's summary.json; empty when it has none (a cancelled run), null when it is missing or unreadable.</summary>
    public static IReadOnlyList<Headline>? ReadHeadlines(string dir)
    {
        string path = System.IO.Path.Combine(dir, "summary.json");
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 1 << 20)
                return null;
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var lines = new List<Headline>();
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return null;
            if (!doc.RootElement.TryGetProperty("headlines", out var headlines) || headlines.ValueKind != JsonValueKind.Array)
                return lines;
            foreach (var line in headlines.EnumerateArray())
            {
                if (line.ValueKind != JsonValueKind.Object || !line.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String
                    || !line.TryGetProperty("value", out var value))
                    continue;
                // A number written as null (a PINN's missing error) reads as NaN.
                double number = value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.NaN;
                string? unit = line.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                lines.Add(new Headline(label.GetString()!, number, unit));
            }
            return lines;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
