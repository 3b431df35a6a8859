using System.Text.Json;
using NeuroScope.Cli.Runs;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Board;

/// <summary>A picture or animation of a run: its file and the sentence saying what to look at.</summary>
internal sealed record PictureView(string File, string Caption);

/// <summary>A config setting with its report label: e.g. ("Learning rate", "0.01", null).</summary>
internal sealed record SettingView(string Key, string Label, string Value, string? Unit);

/// <summary>Everything a run's page shows, in one answer.</summary>
/// <param name="Settings">config.json, each key with its declared label.</param>
/// <param name="Summary">summary.json as written, or null when there is none or it is damaged.</param>
/// <param name="Pictures">The pictures, in the experiment's story order, then any others.</param>
/// <param name="Animations">Animation files (.gif, .mp4, .webm).</param>
/// <param name="Files">Every file of the run folder the board serves.</param>
/// <param name="MetricColumns">The experiment's metric columns.</param>
/// <param name="CounterColumns">The metric columns that only count (copy's epoch): the charts leave them out.</param>
/// <param name="References">The experiment's reference lines per metric column, e.g. sharpness → 2/lr.</param>
/// <param name="Launch">Set when this board started the run.</param>
internal sealed record RunDetail(RunListing Run, string Title, IReadOnlyList<SettingView> Settings, JsonElement? Summary,
    IReadOnlyList<PictureView> Pictures, IReadOnlyList<PictureView> Animations, IReadOnlyList<string> Files, bool Surface,
    IReadOnlyList<string> MetricColumns, IReadOnlyList<string> CounterColumns, IReadOnlyDictionary<string, IReadOnlyList<ReferenceLine>> References,
    LaunchState? Launch);

/// <summary>Builds a run's page data from its folder and its experiment's declarations.</summary>
internal static class RunDetails
{
    private static readonly string[] AnimationExtensions = [".gif", ".mp4", ".webm"];

    /// <summary>The extensions the board serves from a run folder, with their content types; no other file is served.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
        [".json"] = "application/json",
        [".csv"] = "text/csv; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>The page data of run <paramref name="listing"/> in <paramref name="folder"/>.</summary>
    public static RunDetail Build(RunListing listing, string folder, ExperimentRegistry experiments, LaunchState? launch)
    {
        var experiment = experiments.Find(listing.Experiment);
        var files = SafeFiles(folder);
        var config = ReadJson(Path.Combine(folder, "config.json"));
        var settings = new List<SettingView>();
        if (config is { ValueKind: JsonValueKind.Object } c)
        {
            foreach (var property in c.EnumerateObject())
            {
                var option = experiment?.Options.ByJsonName(property.Name);
                settings.Add(new SettingView(property.Name, option?.Label ?? property.Name, Text(property.Value), option?.Unit));
            }
        }
        var declared = experiment?.Pictures ?? [];
        var pictures = declared.Where(p => files.Contains(p.FileName) && !IsAnimation(p.FileName))
            .Select(p => new PictureView(p.FileName, p.Caption)).ToList();
        pictures.AddRange(files.Where(f => f.EndsWith(".png", StringComparison.OrdinalIgnoreCase) && pictures.All(p => p.File != f))
            .Select(f => new PictureView(f, "")));
        var animations = files.Where(IsAnimation)
            .Select(f => new PictureView(f, declared.FirstOrDefault(p => p.FileName == f)?.Caption ?? "")).ToList();
        var references = RunReferenceLines.Read(experiment, folder).GroupBy(r => r.Metric)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReferenceLine>)[.. g]);
        var summary = listing.Status == RunStatus.Damaged ? null : ReadJson(Path.Combine(folder, "summary.json"));
        return new RunDetail(listing, experiment?.Title ?? listing.Experiment, settings, summary, pictures, animations, files,
            files.Contains("surface.json"), experiment?.MetricColumns ?? [], experiment?.CounterColumns ?? [], references, launch);
    }

    /// <summary>The files of <paramref name="folder"/> the board would serve: plain names with a served extension, sorted.</summary>
    public static List<string> SafeFiles(string folder)
    {
        try
        {
            return Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>()
                .Where(f => RunPaths.IsPlainName(f) && ContentTypes.ContainsKey(Path.GetExtension(f)))
                .Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static bool IsAnimation(string file) => AnimationExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);

    /// <summary>A small JSON file's content, or null when it is missing, too large or not JSON.</summary>
    public static JsonElement? ReadJson(string path)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 16 << 20)
                return null;
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A config value as text: strings bare, lists joined by ',', null as "none" (as the command line writes them).</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "none",
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(Text)),
        JsonValueKind.Object => string.Join(",", value.EnumerateObject().Select(p => $"{p.Name}={Text(p.Value)}")),
        _ => value.GetRawText(),
    };
}
