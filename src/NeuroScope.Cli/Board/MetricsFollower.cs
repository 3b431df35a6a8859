using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using NeuroScope.Cli.Runs;

namespace NeuroScope.Cli.Board;

/// <summary>
/// Follows a run's metrics.csv as server-sent events: from offset 0 the header is sent first (<c>event: header</c>, the
/// column names); every whole line appended after the offset is sent as a row (<c>event: rows</c>, data
/// <c>{offset, rows: [[cell…], …]}</c> in the header's order, null for a blank cell), within a poll interval of
/// its writing. When the run's summary.json appears the last rows are sent and then <c>event: end</c> with the run's
/// state; a deleted run ends with <c>event: gone</c>. Only the bytes not yet sent are held, so the board's memory stays
/// flat however long the run.
/// </summary>
internal sealed class MetricsFollower(RunIndex runs, TimeSpan poll)
{
    // A line longer than this is not a metrics row; it is dropped rather than held.
    private const int MaxLineBytes = 1 << 16;
    private const int MaxRowsPerEvent = 2000;
    // Rows read per poll at most; a backlog larger than this is sent over the next polls without waiting.
    private const int MaxRowsPerPoll = 20_000;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>Streams the rows of run <paramref name="id"/> from byte <paramref name="from"/> until the run ends or the client leaves.</summary>
    public async Task FollowAsync(string id, string folder, long from, HttpResponse response, CancellationToken cancellation)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellation);
        string path = Path.Combine(folder, "metrics.csv");
        long offset = Math.Max(0, from);
        var partial = new MemoryStream();
        var buffer = new byte[1 << 16];
        int columns = -1;
        bool skipHeader = offset == 0;
        var quiet = DateTime.UtcNow;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                if (!Directory.Exists(folder))
                {
                    await SendAsync(response, "gone", "\"The run folder was deleted.\"", cancellation);
                    return;
                }
                // Read the summary's presence before the rows: rows written before the summary are then all sent first.
                bool finished = File.Exists(Path.Combine(folder, "summary.json"));
                var rows = new List<double?[]>();
                if (File.Exists(path))
                {
                    try
                    {
                        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
                        if (stream.Length < offset)
                        {
                            // The file was replaced by a shorter one: start over from its beginning.
                            offset = 0;
                            skipHeader = true;
                            partial.SetLength(0);
                            await SendAsync(response, "reset", "null", cancellation);
                        }
                        stream.Seek(offset, SeekOrigin.Begin);
                        int read;
                        while (rows.Count < MaxRowsPerPoll && (read = await stream.ReadAsync(buffer, cancellation)) > 0)
                        {
                            offset += read;
                            int start = 0;
                            for (int i = 0; i < read; i++)
                            {
                                if (buffer[i] != '\n')
                                    continue;
                                partial.Write(buffer, start, i - start);
                                start = i + 1;
                                string line = Encoding.UTF8.GetString(partial.GetBuffer(), 0, (int)partial.Length);
                                partial.SetLength(0);
                                if (skipHeader)
                                {
                                    skipHeader = false;
                                    string[] header = line.Split(',');
                                    columns = header.Length;
                                    await SendAsync(response, "header", JsonSerializer.Serialize(header), cancellation);
                                    continue;
                                }
                                if (columns < 0)
                                    columns = line.Split(',').Length;
                                var cells = new double[columns];
                                if (MetricsFile.ParseRow(line, cells))
                                    rows.Add(cells.Select(v => double.IsFinite(v) ? v : (double?)null).ToArray());
                            }
                            if (partial.Length + (read - start) > MaxLineBytes)
                                partial.SetLength(0);
                            else
                                partial.Write(buffer, start, read - start);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Deleted or locked between the check and the read: the next poll says which.
                    }
                }
                for (int i = 0; i < rows.Count; i += MaxRowsPerEvent)
                {
                    var batch = rows.GetRange(i, Math.Min(MaxRowsPerEvent, rows.Count - i));
                    await SendAsync(response, "rows", JsonSerializer.Serialize(new { offset, rows = batch }), cancellation);
                    quiet = DateTime.UtcNow;
                }
                bool backlog = rows.Count >= MaxRowsPerPoll;
                if (finished && !backlog)
                {
                    var listing = runs.Find(id);
                    await SendAsync(response, "end", JsonSerializer.Serialize(new { status = listing?.Status, message = listing?.Message }, BoardJson.Options), cancellation);
                    return;
                }
                if (DateTime.UtcNow - quiet > Heartbeat)
                {
                    await response.WriteAsync(": still following\n\n", cancellation);
                    await response.Body.FlushAsync(cancellation);
                    quiet = DateTime.UtcNow;
                }
                if (!backlog)
                    await Task.Delay(poll, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The page was closed or the board is stopping.
        }
    }

    private static async Task SendAsync(HttpResponse response, string name, string data, CancellationToken cancellation)
    {
        await response.WriteAsync($"event: {name}\ndata: {data}\n\n", cancellation);
        await response.Body.FlushAsync(cancellation);
    }
}
