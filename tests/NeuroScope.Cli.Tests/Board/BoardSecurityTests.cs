using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace NeuroScope.Cli.Tests.Board;

/// <summary>What the board refuses: paths out of the runs folder, files that are not a run's, unregistered or invalid launches, posts from other sites.</summary>
public sealed class BoardSecurityTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    [Theory]
    [InlineData("/api/files/fit_001/../secret.json")]
    [InlineData("/api/files/fit_001/..%2Fsecret.json")]
    [InlineData("/api/files/fit_001/%2E%2E%2Fsecret.json")]
    [InlineData("/api/files/fit_001/..%5Csecret.json")]
    [InlineData("/api/files//etc/passwd")]
    [InlineData("/api/files/%2Fetc/passwd")]
    [InlineData("/api/files/fit_001/%2Fetc%2Fpasswd")]
    [InlineData("/api/files/fit_001/.claim")]
    [InlineData("/api/files/fit_001/model.nspm")]
    [InlineData("/api/files/secret.json")]
    [InlineData("/api/files/sweep_001/secret.json")]
    [InlineData("/api/run/..")]
    [InlineData("/api/run/sweep_001")]
    [InlineData("/api/run/%2Ftmp")]
    [InlineData("/api/metrics/../fit_001")]
    [InlineData("/api/events/fit_001%2F..%2F..")]
    [InlineData("/run/..%2F..%2Fetc")]
    [InlineData("/static/../Board/BoardServer.cs")]
    [InlineData("/static/%2E%2E/board.js")]
    [InlineData("/web/..%2Fboard%2Findex.html")]
    public async Task Request_OutsideARunFolderOrForAFileNotServed_Gets404(string url)
    {
        // Sent exactly as written: the client must not tidy the dots away before the server sees them.
        var uri = new Uri(board.Client.BaseAddress!.GetLeftPart(UriPartial.Authority) + url, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);

        using var response = await board.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task File_LinkInsideARunFolder_IsNotFollowed()
    {
        string outside = Path.Combine(Path.GetTempPath(), $"neuroscope-outside-{Guid.NewGuid():N}.json");
        File.WriteAllText(outside, "{\"outside\": true}");
        try
        {
            File.CreateSymbolicLink(Path.Combine(board.Root, "fit_001", "link.json"), outside);
            Directory.CreateSymbolicLink(Path.Combine(board.Root, "linked_001"), Path.Combine(board.Root, "fit_001"));

            using var file = await board.Client.GetAsync("/api/files/fit_001/link.json");
            using var folder = await board.Client.GetAsync("/api/files/linked_001/config.json");

            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, folder.StatusCode);
        }
        finally
        {
            File.Delete(outside);
            File.Delete(Path.Combine(board.Root, "fit_001", "link.json"));
            Directory.Delete(Path.Combine(board.Root, "linked_001"));
        }
    }

    [Fact]
    public async Task File_OfARun_IsServedWithItsType()
    {
        using var response = await board.Client.GetAsync("/api/files/sweep_001/fit_001/dashboard.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("{\"experiment\": \"rm\", \"values\": {}}", null, "'rm' is not an experiment; allowed: dose, copy, fit, neuron.")]
    [InlineData("{\"experiment\": \"fit\", \"values\": {\"--runs-dir\": \"/\"}}", "--runs-dir", "'--runs-dir' is not an option of fit.")]
    [InlineData("{\"experiment\": \"fit\", \"variant\": \"shell\", \"values\": {}}", null, "'shell' is not a variant of fit; fit has none.")]
    [InlineData("{\"experiment\": \"fit\", \"values\": {\"--steps\": \"0\"}}", "--steps", null)]
    public async Task Launch_UnregisteredOrInvalid_IsRefusedAndStartsNothing(string body, string? option, string? message)
    {
        int before = Directory.GetDirectories(board.Root).Length;

        using var response = await board.Client.PostAsync("/api/launch", new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadFromJsonAsync<Answer>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(option, answer!.Option);
        if (message is not null)
            Assert.Equal(message, answer.Message);
        Assert.Null(answer.Arguments);
        Assert.Equal(before, Directory.GetDirectories(board.Root).Length);
    }

    [Fact]
    public async Task Launch_PostedFromAnotherSite_IsForbidden()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/launch")
        {
            Content = new StringContent("{\"experiment\": \"dose\", \"values\": {}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await board.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Request_NamingAnotherHost_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = "attacker.example";

        using var response = await board.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_RunTheBoardDidNotStart_Gets404()
    {
        using var response = await board.Client.PostAsync("/api/cancel/fit_001", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private sealed record Answer(string[]? Arguments, string? Option, string? Message);
}
