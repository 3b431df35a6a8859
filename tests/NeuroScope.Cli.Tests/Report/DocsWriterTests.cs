using System.Text.RegularExpressions;
using NeuroScope.Cli.Report;

namespace NeuroScope.Cli.Tests.Report;

/// <summary>The walk-throughs as the tour writes them: Markdown rendered in full, every picture where the page looks for it.</summary>
public sealed class DocsWriterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"neuroscope-docs-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Write_EveryPage_HasEveryImageItPointsTo()
    {
        var pages = DocsWriter.Write(_folder);

        Assert.Equal(["copy", "dose", "fit", "neuron"], pages.Keys.Order());
        foreach (var (name, page) in pages)
        {
            string path = Path.Combine(_folder, page);
            string html = File.ReadAllText(path);
            var sources = Regex.Matches(html, "<img src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(sources);
            foreach (var source in sources)
                Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, source)), $"{name}: {source} is not written");
        }
    }

    [Fact]
    public void Render_Markdown_EmphasisListsAndTablesBecomeHtml()
    {
        const string markdown = """
            # Title

            Learn *before* you **b\* = −16.01** run.

            1. first item that
               wraps onto a second line
            2. second

            | a | b |
            |---|--:|
            | 1 | 2 |

            [next](dose.md)
            """;

        string html = DocsWriter.Render(markdown, "test");

        Assert.Contains("<em>before</em>", html);
        Assert.Contains("<strong>b* = −16.01</strong>", html);
        Assert.Contains("<li>first item that\nwraps onto a second line</li>", html);
        Assert.Single(Regex.Matches(html, "<ol>"));
        Assert.Contains("<table>", html);
        Assert.Contains("href=\"dose.html\"", html);
        Assert.Contains("<title>Title · NeuroScope</title>", html);
    }
}
