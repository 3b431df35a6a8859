using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>Following a run live: rows appended to metrics.csv reach the page as server-sent events, and the run's end is announced.</summary>
public sealed class BoardLiveTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    [Fact]
    public async Task Events_RowsAppendedWhileFollowing_ArriveWithinASecondAndTheEndIsAnnounced()
    {
        string folder = BoardFixture.WriteRun(board.Root, "growing_001", "fit", DateTimeOffset.Now, 0.01, 0.5, finished: false);
        File.WriteAllText(Path.Combine(folder, ".claim"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        using var metrics = JsonDocument.Parse(await board.Client.GetStringAsync("/api/metrics/growing_001"));
        long from = metrics.RootElement.GetProperty("bytes").GetInt64();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var stream = await board.Client.GetStreamAsync($"/api/events/growing_001?from={from}", timeout.Token);
        using var reader = new StreamReader(stream);

        var clock = Stopwatch.StartNew();
        // The last row arrives in two writes: the follower sends only whole lines.
        File.AppendAllText(Path.Combine(folder, "metrics.csv"), "0,11,0.25,\n0,12,0.125,12");
        var first = await NextEventAsync(reader, timeout.Token);
        var firstDelay = clock.Elapsed;
        File.AppendAllText(Path.Combine(folder, "metrics.csv"), "0\n");
        var second = await NextEventAsync(reader, timeout.Token);
        File.WriteAllText(Path.Combine(folder, "summary.json"), "{\"headlines\": []}");
        var end = await NextEventAsync(reader, timeout.Token);

        Assert.Equal("rows", first.Name);
        Assert.Equal([[0.0, 11.0, 0.25, null]], Rows(first.Data));
        Assert.True(firstDelay < TimeSpan.FromSeconds(1), $"the row took {firstDelay.TotalMilliseconds:F0} ms to arrive");
        Assert.Equal("rows", second.Name);
        Assert.Equal([[0.0, 12.0, 0.125, 120.0]], Rows(second.Data));
        Assert.Equal("end", end.Name);
        Assert.Equal("done", JsonDocument.Parse(end.Data).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Events_RunDeletedWhileFollowing_SaysItIsGone()
    {
        string folder = BoardFixture.WriteRun(board.Root, "vanishing_001", "fit", DateTimeOffset.Now, 0.01, 0.5, finished: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var stream = await board.Client.GetStreamAsync("/api/events/vanishing_001?from=0", timeout.Token);
        using var reader = new StreamReader(stream);
        var header = await NextEventAsync(reader, timeout.Token);
        var rows = await NextEventAsync(reader, timeout.Token);

        Directory.Delete(folder, recursive: true);
        var gone = await NextEventAsync(reader, timeout.Token);

        Assert.Equal("header", header.Name);
        Assert.Equal("rows", rows.Name);
        Assert.Equal(10, JsonDocument.Parse(rows.Data).RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal("gone", gone.Name);
    }

    private static List<double?[]> Rows(string data) =>
        JsonDocument.Parse(data).RootElement.GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? (double?)null : c.GetDouble()).ToArray()).ToList();

    private static async Task<(string Name, string Data)> NextEventAsync(StreamReader reader, CancellationToken cancellation)
    {
        string name = "message", data = "";
        while (await reader.ReadLineAsync(cancellation) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                name = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
            else if (line.Length == 0 && data.Length > 0)
                return (name, data);
        }
        throw new EndOfStreamException("the event stream ended");
    }
}
