using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Board;

/// <summary>
/// The run folders below one runs folder, at any depth (tour and sweep runs included), newest first. What a run's files
/// say is read once and kept until one of them changes (by time and length), so listing a thousand runs reads only the
/// folders; whether a run without a summary is live is asked of its writing process every time.
/// </summary>
internal sealed class RunIndex
{
    private readonly ConcurrentDictionary<string, (Stamp Stamp, RunListing Listing, bool Cut)> _known = new(StringComparer.Ordinal);

    /// <summary>An index of the runs below <paramref name="root"/> (made a full path).</summary>
    public RunIndex(string root) => Root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>The runs folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>Every run, newest first; with <paramref name="experiment"/>, only that experiment's.</summary>
    public List<RunListing> List(string? experiment = null)
    {
        var runs = new List<RunListing>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<DirectoryInfo>([new DirectoryInfo(Root)]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            FileInfo? runJson = null, summary = null, metrics = null, claim = null;
            try
            {
                foreach (var entry in dir.EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo child)
                    {
                        // Hidden folders are a run's staging area; links could lead out of the runs folder or round in a loop.
                        if (child.Name[0] != '.' && (child.Attributes & FileAttributes.ReparsePoint) == 0)
                            pending.Push(child);
                        continue;
                    }
                    switch (entry.Name)
                    {
                        case "run.json": runJson = (FileInfo)entry; break;
                        case "summary.json": summary = (FileInfo)entry; break;
                        case "metrics.csv": metrics = (FileInfo)entry; break;
                        case RunDirectory.ClaimFile: claim = (FileInfo)entry; break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder deleted or locked while walking is simply not listed.
                continue;
            }
            if (runJson is null || dir.FullName == Root)
                continue;
            string id = RunPaths.IdOf(Root, dir.FullName);
            if (!RunPaths.IsRunId(id))
                continue;
            seen.Add(id);
            var listing = Describe(id, dir.FullName, new Stamp(Of(runJson), Of(summary), Of(metrics)), claim);
            if (experiment is null || string.Equals(listing.Experiment, experiment, StringComparison.OrdinalIgnoreCase))
                runs.Add(listing);
        }
        foreach (string gone in _known.Keys)
            if (!seen.Contains(gone))
                _known.TryRemove(gone, out _);
        runs.Sort((a, b) => b.Created != a.Created ? b.Created.CompareTo(a.Created) : string.CompareOrdinal(a.Id, b.Id));
        return runs;
    }

    /// <summary>The listing of run <paramref name="id"/>, or null when there is no such run folder.</summary>
    public RunListing? Find(string id)
    {
        if (RunPaths.RunFolder(Root, id) is not { } folder)
            return null;
        FileInfo? Info(string name)
        {
            var info = new FileInfo(Path.Combine(folder, name));
            return info.Exists ? info : null;
        }
        return Describe(id, folder, new Stamp(Of(Info("run.json")), Of(Info("summary.json")), Of(Info("metrics.csv"))), Info(RunDirectory.ClaimFile));
    }

    private RunListing Describe(string id, string folder, Stamp stamp, FileInfo? claim)
    {
        if (!_known.TryGetValue(id, out var known) || known.Stamp != stamp)
        {
            bool cut = stamp.Metrics.Length > 0 && !EndsWithNewline(Path.Combine(folder, "metrics.csv"));
            known = (stamp, Read(id, folder, stamp, cut), cut);
            _known[id] = known;
        }
        var listing = known.Listing;
        // Without a summary the run is either being written now or was stopped before it could write one.
        if (listing.Status == RunStatus.Interrupted)
        {
            if (IsWriting(claim, listing.Created))
                return listing with { Status = RunStatus.Live, Message = null };
            if (known.Cut)
                return listing with { Status = RunStatus.Damaged, Message = CutMessage };
        }
        return listing;
    }

    private const string CutMessage = "metrics.csv ends in the middle of a line: the file was cut.";

    private static RunListing Read(string id, string folder, Stamp stamp, bool cut)
    {
        var (experiment, created, runProblem) = ReadRunJson(Path.Combine(folder, "run.json"));
        var when = created ?? new DateTimeOffset(stamp.RunJson.Time, TimeSpan.Zero);
        if (runProblem is not null)
            return new RunListing(id, experiment, when, RunStatus.Damaged, [], runProblem);
        if (stamp.Summary.Length < 0)
        {
            // No summary yet: live or interrupted, decided by the caller (a live run's last line may be on its way).
            return new RunListing(id, experiment, when, RunStatus.Interrupted, [], "The run stopped before writing its summary.");
        }
        var (status, headlines, message) = ReadSummary(Path.Combine(folder, "summary.json"));
        if (status == RunStatus.Done && cut)
            return new RunListing(id, experiment, when, RunStatus.Damaged, headlines, CutMessage);
        return new RunListing(id, experiment, when, status, headlines, message);
    }

    private static (string Experiment, DateTimeOffset? Created, string? Problem) ReadRunJson(string path)
    {
        try
        {
            if (new FileInfo(path).Length > 1 << 20)
                return ("?", null, "run.json is larger than a run's own file can be.");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return ("?", null, "run.json is not a JSON object.");
            string experiment = root.TryGetProperty("experiment", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() ?? "?" : "?";
            DateTimeOffset? created = root.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.String && c.TryGetDateTimeOffset(out var d) ? d : null;
            return (experiment, created, null);
        }
        catch (JsonException)
        {
            return ("?", null, "run.json is not valid JSON.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ("?", null, "run.json cannot be read.");
        }
    }

    /// <summary>The run's state, headline numbers and stop message from its summary.json.</summary>
    public static (string Status, List<HeadlineView> Headlines, string? Message) ReadSummary(string path)
    {
        var headlines = new List<HeadlineView>();
        try
        {
            if (new FileInfo(path).Length > 16 << 20)
                return (RunStatus.Damaged, headlines, "summary.json is larger than a summary can be.");
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (RunStatus.Damaged, headlines, "summary.json is not a JSON object.");
            if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
            {
                // A run that stopped early writes only why (ExperimentRunner's StoppedSummary).
                string message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() ?? "" : "";
                return (status.GetString() == RunStatus.Cancelled ? RunStatus.Cancelled : RunStatus.Failed, headlines, message);
            }
            if (root.TryGetProperty("headlines", out var lines) && lines.ValueKind == JsonValueKind.Array)
            {
                foreach (var line in lines.EnumerateArray())
                {
                    if (line.ValueKind != JsonValueKind.Object || !line.TryGetProperty("label", out var label) || label.ValueKind != JsonValueKind.String)
                        continue;
                    double? value = line.TryGetProperty("value", out var v) ? Number(v) : null;
                    string? unit = line.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                    headlines.Add(new HeadlineView(label.GetString()!, value, unit));
                }
            }
            if (root.TryGetProperty("diverged", out var diverged) && diverged.ValueKind == JsonValueKind.True)
            {
                string at = root.TryGetProperty("divergedAtStep", out var step) && step.ValueKind == JsonValueKind.Number ? $" at step {step.GetInt64()}" : "";
                return (RunStatus.Failed, headlines, $"The loss diverged{at} (it became NaN or infinite).");
            }
            return (RunStatus.Done, headlines, null);
        }
        catch (JsonException)
        {
            return (RunStatus.Damaged, headlines, "summary.json is not valid JSON: the file is damaged.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            return (RunStatus.Damaged, headlines, "summary.json cannot be read.");
        }
    }

    /// <summary>A JSON number, or a number written as text ("NaN", "Infinity"); null for anything else.</summary>
    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => null,
    };

    private static bool EndsWithNewline(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length == 0)
                return true;
            stream.Seek(-1, SeekOrigin.End);
            return stream.ReadByte() == '\n';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    // The claim marker holds the id of the process that made the folder; that process still running (and started before
    // the run, so not a later process given the same id) is writing the run now.
    private static bool IsWriting(FileInfo? claim, DateTimeOffset created)
    {
        if (claim is null || claim.Length is 0 or > 32)
            return false;
        try
        {
            if (!int.TryParse(File.ReadAllText(claim.FullName), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                return false;
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.StartTime.ToUniversalTime() <= created.UtcDateTime.AddSeconds(5);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static FileStamp Of(FileInfo? info) => info is null ? new FileStamp(default, -1) : new FileStamp(info.LastWriteTimeUtc, info.Length);

    private readonly record struct FileStamp(DateTime Time, long Length);

    // What a run's listing is read from; a change in any of them means reading it again.
    private readonly record struct Stamp(FileStamp RunJson, FileStamp Summary, FileStamp Metrics);
}
