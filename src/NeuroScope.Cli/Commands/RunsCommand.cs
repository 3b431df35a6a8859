using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace NeuroScope.Cli.Commands;

/// <summary><c>neuroscope runs</c>: lists run directories with their experiment, date and headline number.</summary>
internal static class RunsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var runsDir = CommonOptions.RunsDir();
        var command = new Command("runs", "List the run directories: name, experiment, date and headline number.\n\nExamples:\n  neuroscope runs\n  neuroscope runs --runs-dir ./my-runs")
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
internal sealed record RunEntry(string Name, string Path, string Experiment, DateTimeOffset? Created, string Headline);

/// <summary>Reads run directories: run.json for the experiment and date, summary.json for a headline number.</summary>
internal static class RunCatalog
{
    public static List<RunEntry> List(string root)
    {
        var entries = new List<RunEntry>();
        if (!Directory.Exists(root))
            return entries;
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var info = ReadInfo(dir);
            if (info is null)
                continue;
            entries.Add(new RunEntry(System.IO.Path.GetFileName(dir), dir, info.Value.Experiment, info.Value.Created, Headline(dir)));
        }
        return entries;
    }

    public static (string Experiment, DateTimeOffset? Created)? ReadInfo(string dir)
    {
        string path = System.IO.Path.Combine(dir, "run.json");
        if (!File.Exists(path))
            return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var root = doc.RootElement;
            string experiment = root.TryGetProperty("experiment", out var e) ? e.GetString() ?? "?" : "?";
            DateTimeOffset? created = root.TryGetProperty("created", out var c) && c.TryGetDateTimeOffset(out var d) ? d : null;
            return (experiment, created);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? FirstNumber(JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Number && !property.Name.Contains("second", StringComparison.OrdinalIgnoreCase))
                    return $"{prefix}{property.Name} = {property.Value.GetDouble().ToString("G6", CultureInfo.InvariantCulture)}";
            }
            foreach (var property in element.EnumerateObject())
                if (property.Name != "config" && FirstNumber(property.Value, $"{prefix}{property.Name}.") is { } found)
                    return found;
        }
        else if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() > 0)
        {
            return FirstNumber(element[0], prefix.TrimEnd('.') + "[0].");
        }
        return null;
    }

    // The first numeric value of summary.json, named: enough to tell runs apart at a glance.
    private static string Headline(string dir)
    {
        string path = System.IO.Path.Combine(dir, "summary.json");
        if (!File.Exists(path))
            return "(no summary: interrupted?)";
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            return FirstNumber(doc.RootElement, "") ?? "";
        }
        catch (JsonException)
        {
            return "(unreadable summary)";
        }
    }
}
