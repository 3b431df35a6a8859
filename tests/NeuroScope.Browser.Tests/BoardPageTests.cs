using System.Text.Json;
using Microsoft.Playwright;
using NeuroScope.Cli;

namespace NeuroScope.Browser.Tests;

/// <summary>
/// The board as a user meets it in Chromium: the runs list, a run's charts, a fit started from the form whose chart grows
/// while it runs, a run cancelled, two runs compared, a 3-D surface turned; no page logs an error.
/// </summary>
public sealed class BoardPageTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    private static readonly LocatorWaitForOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task Runs_Page_ListsTheRunsWithTheirHeadlines()
    {
        var errors = new List<string>();
        var page = await board.OpenAsync("/", errors);

        await page.Locator("body[data-ready=yes]").WaitForAsync(Visible);
        var row = page.Locator("tr[data-id='fit_002']");

        Assert.Contains("final loss", await row.InnerTextAsync());
        Assert.Equal("done", await row.Locator(".status").GetAttributeAsync("data-status"));
        Assert.True(await page.Locator("tr[data-id]").CountAsync() >= 2);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Run_Page_DrawsEveryMetricWithEveryRowAndTheTwoOverLrLine()
    {
        var errors = new List<string>();
        var page = await board.OpenAsync("/run/fit_002", errors);

        var loss = page.Locator("[data-metric=loss][data-ready=yes]");
        await loss.WaitForAsync(Visible);
        var sharpness = page.Locator("[data-metric=sharpness][data-ready=yes]");
        await sharpness.WaitForAsync(Visible);

        Assert.Equal("200", await loss.GetAttributeAsync("data-points"));
        Assert.Equal("20", await sharpness.GetAttributeAsync("data-points"));
        Assert.Contains("final loss", await page.Locator("#numbers").InnerTextAsync());
        Assert.Contains("Learning rate", await page.Locator("#settings").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Launch_ShortFit_OpensItsPageWhoseChartGrowsUntilTheRunIsDone()
    {
        var errors = new List<string>();
        var page = await board.OpenAsync("/launch?experiment=fit", errors);
        await page.Locator("body[data-ready=yes]").WaitForAsync(Visible);

        await page.FillAsync("[name='--steps']", "1500");
        await page.FillAsync("[name='--frame-every']", "1500");
        await page.FillAsync("[name='--sharpness-every']", "100");
        await page.Locator("#command:has-text('--steps 1500')").WaitForAsync(Visible);
        await page.ClickAsync("#start");
        await page.WaitForURLAsync("**/run/fit_*", new PageWaitForURLOptions { Timeout = 60_000 });
        var loss = page.Locator("[data-metric=loss]");
        await loss.WaitForAsync(Visible);
        int first = int.Parse(await loss.GetAttributeAsync("data-points") ?? "0");
        await page.WaitForFunctionAsync($"() => +document.querySelector('[data-metric=loss]').dataset.points > {first}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        await page.Locator("body[data-status=done]").WaitForAsync(new LocatorWaitForOptions { Timeout = 180_000 });

        Assert.True(first < 1500, $"the chart had all {first} points at once: it did not grow while the run went on");
        await page.WaitForFunctionAsync("() => +document.querySelector('[data-metric=loss]').dataset.points === 1500", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Launch_LongFit_CancelStopsItAndThePageSaysSo()
    {
        var errors = new List<string>();
        var page = await board.OpenAsync("/launch?experiment=fit", errors);
        await page.Locator("body[data-ready=yes]").WaitForAsync(Visible);

        await page.FillAsync("[name='--steps']", "1000000");
        await page.FillAsync("[name='--frame-every']", "1000000");
        await page.Locator("#command:has-text('--steps 1000000')").WaitForAsync(Visible);
        await page.ClickAsync("#start");
        await page.WaitForURLAsync("**/run/fit_*", new PageWaitForURLOptions { Timeout = 60_000 });
        await page.Locator("[data-metric=loss]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await page.ClickAsync("#cancel");
        await page.Locator("body[data-status=cancelled]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        Assert.Contains("Cancelled", await page.Locator("#run-message").InnerTextAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Launch_BadValue_ShowsTheCommandLinesMessageAndCannotStart()
    {
        var errors = new List<string>();
        var cli = new StringWriter();
        CliApp.Run(["fit", "--learning-rate", "-1", "--runs-dir", Path.Combine(board.Root, "never")], cli, cli);
        var page = await board.OpenAsync("/launch?experiment=fit", errors);
        await page.Locator("body[data-ready=yes]").WaitForAsync(Visible);

        await page.FillAsync("[name='--learning-rate']", "-1");
        var message = page.Locator(".field[data-option='--learning-rate'] .error");
        await page.Locator(".field.bad[data-option='--learning-rate']").WaitForAsync(Visible);

        Assert.Equal(cli.ToString().Split('\n')[0], "error: " + await message.InnerTextAsync());
        Assert.True(await page.Locator("#start").IsDisabledAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Compare_TwoRuns_OverlaysTheMetricWithEachRunsLearningRateInTheLegend()
    {
        var errors = new List<string>();
        var page = await board.OpenAsync("/compare?ids=fit_001,fit_002&column=sharpness", errors);

        await page.Locator("body[data-ready=yes]").WaitForAsync(Visible);
        await page.Locator("#chart[data-ready=yes]").WaitForAsync(Visible);
        string legend = await page.Locator("#chart").InnerTextAsync();

        Assert.Contains("learning rate 0.01", legend);
        Assert.Contains("learning rate 0.04", legend);
        Assert.Equal("sharpness", await page.Locator("#column").InputValueAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Run_Surface_TurnsWhenDragged()
    {
        var errors = new List<string>();
        var page = await board.OpenAsync("/run/fit_002", errors);
        await page.Locator("#surface[data-ready]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.True(await page.Locator("#surface").GetAttributeAsync("data-ready") == "yes", $"the surface was not drawn: {await page.Locator("#surface").InnerTextAsync()} {string.Join("; ", errors)}");
        var panel = page.Locator("#surface .js-plotly-plot").First;
        await panel.ScrollIntoViewIfNeededAsync();
        const string Eye = "() => JSON.stringify(document.querySelector('#surface .js-plotly-plot')._fullLayout.scene.camera.eye)";
        string before = await page.EvaluateAsync<string>(Eye);

        var box = (await panel.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width / 2 + 150, box.Y + box.Height / 2 + 20, new MouseMoveOptions { Steps = 10 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync($"() => JSON.stringify(document.querySelector('#surface .js-plotly-plot')._fullLayout.scene.camera.eye) !== {JsonSerializer.Serialize(before)}", null, new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.Equal(2, await page.Locator("#surface .js-plotly-plot").CountAsync());
        Assert.Empty(errors);
    }
}
