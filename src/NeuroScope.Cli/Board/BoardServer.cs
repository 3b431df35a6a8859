using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NeuroScope.Cli.Runs;
using NeuroScope.Cli.Web;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Board;

/// <summary>Where and how the board serves.</summary>
/// <param name="RunsRoot">The runs folder (must exist).</param>
/// <param name="Address">The address to listen on (loopback by default).</param>
/// <param name="Port">The port; 0 for any free one.</param>
/// <param name="LaunchAllowed">Whether the launch form may start runs.</param>
/// <param name="Poll">How often a followed metrics.csv is read for new rows.</param>
internal sealed record BoardSettings(string RunsRoot, IPAddress Address, int Port, bool LaunchAllowed, TimeSpan Poll)
{
    /// <summary>The default poll interval: rows reach the page within about a quarter of a second.</summary>
    public static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(250);
}

/// <summary>
/// The board's web server (Kestrel, minimal APIs): the pages, the runs API, live metrics as server-sent events, run files,
/// comparisons and the launch form's endpoints. It serves only the run folders below its runs folder and its own
/// embedded assets; every id and file name goes through <see cref="RunPaths"/>.
/// </summary>
internal sealed class BoardServer : IAsyncDisposable
{
    // Composed once: the embedded files never change while the tool runs.
    private static readonly ConcurrentDictionary<string, string> Pages = new(StringComparer.Ordinal);

    private readonly WebApplication _app;
    private readonly LaunchedRuns _launched;

    private BoardServer(WebApplication app, LaunchedRuns launched, Uri address)
    {
        _app = app;
        _launched = launched;
        Address = address;
    }

    /// <summary>The board's address, e.g. <c>http://127.0.0.1:6060/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Starts the board; a port in use or an address this machine lacks throws an <see cref="IOException"/>.</summary>
    public static async Task<BoardServer> StartAsync(BoardSettings settings, ExperimentRegistry experiments)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(settings.Address, settings.Port));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = BoardJson.Options.PropertyNamingPolicy);
        var app = builder.Build();
        var runs = new RunIndex(settings.RunsRoot);
        var launched = new LaunchedRuns(runs.Root);
        var follower = new MetricsFollower(runs, settings.Poll);
        bool loopback = IPAddress.IsLoopback(settings.Address);

        app.Use(async (context, next) =>
        {
            // Another web site open in the same browser must not start runs here: a form post from elsewhere names its origin.
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Headers.Origin is [{ } origin]
                && !(Uri.TryCreate(origin, UriKind.Absolute, out var from) && from.Authority == context.Request.Host.Value))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
            // On loopback, a request naming another host is a page elsewhere that resolved its name to this machine.
            if (loopback && context.Request.Host.Host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            await next(context);
        });

        app.MapGet("/", () => Page("index.html"));
        app.MapGet("/run/{**id}", (string id) => RunPaths.IsRunId(id) ? Page("run.html") : NotFound());
        app.MapGet("/compare", () => Page("compare.html"));
        app.MapGet("/launch", () => Page("launch.html"));
        // The pages are served whole by their routes above; /static has the scripts and styles they share.
        app.MapGet("/static/{**path}", (string path) => path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) ? NotFound() : Asset(EmbeddedAssets.Board, path));
        app.MapGet("/web/{**path}", (string path) => Asset(EmbeddedAssets.Web, path));

        app.MapGet("/api/runs", (string? experiment) =>
        {
            var clock = Stopwatch.StartNew();
            var list = runs.List(experiment);
            return Results.Json(new { root = runs.Root, experiments = experiments.Select(e => e.Verb), runs = list, milliseconds = clock.Elapsed.TotalMilliseconds }, BoardJson.Options);
        });
        app.MapGet("/api/run/{**id}", (string id) =>
            runs.Find(id) is { } listing && RunPaths.RunFolder(runs.Root, id) is { } folder
                ? Results.Json(RunDetails.Build(listing, folder, experiments, launched.State(id)), BoardJson.Options)
                : NotFound());
        app.MapGet("/api/metrics/{**id}", (string id, int? points) =>
        {
            if (RunPaths.RunFolder(runs.Root, id) is not { } folder)
                return NotFound();
            string path = Path.Combine(folder, "metrics.csv");
            try
            {
                var counters = runs.Find(id) is { } listing ? experiments.Find(listing.Experiment)?.CounterColumns ?? [] : [];
                var view = File.Exists(path) ? MetricsFile.Read(path, Math.Clamp(points ?? MetricsFile.DefaultPoints, 16, 100_000), counters) : new MetricsView([], [], 0, 0, false, []);
                return Results.Json(view, BoardJson.Options);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return NotFound();
            }
        });
        app.MapGet("/api/events/{**id}", async (string id, long? from, HttpContext context) =>
        {
            if (RunPaths.RunFolder(runs.Root, id) is not { } folder)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, app.Lifetime.ApplicationStopping);
            await follower.FollowAsync(id, folder, from ?? 0, context.Response, stopping.Token);
        });
        app.MapGet("/api/files/{**path}", (string path) =>
        {
            int slash = path.LastIndexOf('/');
            if (slash <= 0 || RunPaths.RunFolder(runs.Root, path[..slash]) is not { } folder
                || RunPaths.FileIn(folder, path[(slash + 1)..]) is not { } file
                || !RunDetails.ContentTypes.TryGetValue(Path.GetExtension(file), out var type))
                return NotFound();
            return Results.File(file, type, enableRangeProcessing: true);
        });
        app.MapGet("/api/compare", (string? ids, string? column, int? points) =>
        {
            var list = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Results.Json(RunComparison.Build(runs, experiments, list, column, Math.Clamp(points ?? MetricsFile.DefaultPoints, 16, 100_000)), BoardJson.Options);
        });

        string? launchOff = settings.LaunchAllowed ? null
            : $"Launching runs is off: the board listens on {settings.Address}, beyond this machine. Start it with --allow-launch to allow it.";
        app.MapGet("/api/experiments", () => Results.Json(new { launch = launchOff is null, reason = launchOff, experiments = LaunchForms.Describe(experiments) }, BoardJson.Options));
        app.MapPost("/api/check", (LaunchRequest request) =>
            Results.Json(LaunchForms.Check(experiments, request.Experiment, request.Variant, request.Values), BoardJson.Options));
        app.MapPost("/api/launch", async (LaunchRequest request, CancellationToken cancellation) =>
        {
            if (launchOff is not null)
                return Results.Json(new { message = launchOff }, BoardJson.Options, statusCode: StatusCodes.Status403Forbidden);
            var check = LaunchForms.Check(experiments, request.Experiment, request.Variant, request.Values);
            if (check.Arguments is null)
                return Results.Json(check, BoardJson.Options, statusCode: StatusCodes.Status400BadRequest);
            var (id, error) = await launched.StartAsync(check.Arguments, cancellation);
            return id is null
                ? Results.Json(new { message = error }, BoardJson.Options, statusCode: StatusCodes.Status500InternalServerError)
                : Results.Json(new { id, command = "neuroscope " + string.Join(' ', check.Arguments) }, BoardJson.Options);
        });
        app.MapPost("/api/cancel/{**id}", (string id) =>
            RunPaths.IsRunId(id) && launched.Cancel(id) ? Results.Accepted() : NotFound());

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            launched.Dispose();
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        string host = settings.Address.Equals(IPAddress.Any) || settings.Address.Equals(IPAddress.IPv6Any) ? "127.0.0.1"
            : settings.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{settings.Address}]" : settings.Address.ToString();
        return new BoardServer(app, launched, new Uri($"http://{host}:{port}/"));
    }

    /// <summary>Waits until the board is stopped (Ctrl+C through <paramref name="stop"/>).</summary>
    public Task WaitAsync(CancellationToken stop) => Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>Stops serving and cancels the runs it launched.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _launched.Dispose();
    }

    private static IResult NotFound() => Results.Text("Not found.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Asset(EmbeddedAssets assets, string path) =>
        assets.TryOpen(path) is { } stream ? Results.Stream(stream, EmbeddedAssets.ContentType(path)) : NotFound();

    private static IResult Page(string file) => Results.Content(Pages.GetOrAdd(file, ComposePage), "text/html; charset=utf-8");

    /// <summary>
    /// A whole board page: <c>page.html</c>, the head every page shares (styles, the shared script, the chart library),
    /// around the page file, which holds its <c>&lt;title&gt;</c> on its first line and then its body.
    /// </summary>
    internal static string ComposePage(string file)
    {
        string page = EmbeddedAssets.Board.Read(file);
        int titleEnd = page.IndexOf('\n', StringComparison.Ordinal);
        return EmbeddedAssets.Board.Read("page.html").Replace("{{title}}", page[..titleEnd], StringComparison.Ordinal)
            .Replace("{{body}}", page[(titleEnd + 1)..].TrimEnd(), StringComparison.Ordinal);
    }
}

/// <summary>A filled-in launch form: the experiment's verb, the variant (null for the bare verb), and option → text.</summary>
internal sealed record LaunchRequest(string? Experiment, string? Variant, Dictionary<string, string>? Values);
