using NeuroScope.Cli.Web;

namespace NeuroScope.Cli.Tests.Web;

/// <summary>The browser files travel inside the tool: the chart and surface scripts and the vendored libraries with their licences.</summary>
public sealed class EmbeddedAssetsTests
{
    [Fact]
    public void Paths_VendoredLibraries_ComeWithLicenceAndVersion()
    {
        var paths = EmbeddedAssets.Web.Paths;

        Assert.Contains("charts.js", paths);
        Assert.Contains("surface.js", paths);
        foreach (var library in new[] { "uplot", "plotly" })
        {
            Assert.Contains($"vendor/{library}/LICENSE", paths);
            Assert.Contains("MIT License", EmbeddedAssets.Web.Read($"vendor/{library}/LICENSE"), StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"vendor/{library}/VERSION", paths);
        }
        Assert.DoesNotContain(paths, p => p.EndsWith(".cs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vendor/uplot/uPlot.iife.min.js", "uPlot (v1.6.32)", "vendor/uplot/VERSION")]
    [InlineData("vendor/plotly/plotly-gl3d.min.js", "plotly.js (gl3d - minified) v4.1.1", "vendor/plotly/VERSION")]
    public void Read_VendoredScript_IsTheVersionItsVersionFileNames(string script, string banner, string versionFile)
    {
        string text = EmbeddedAssets.Web.Read(script);
        string version = EmbeddedAssets.Web.Read(versionFile).Trim();

        Assert.Contains(banner, text[..400], StringComparison.Ordinal);
        Assert.Contains($"v{version}", banner, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownPath_NamesItAndTheKnownOnes()
    {
        var error = Assert.Throws<FileNotFoundException>(() => EmbeddedAssets.Web.Read("../NeuroScope.Cli.csproj"));

        Assert.Contains("'../NeuroScope.Cli.csproj'", error.Message, StringComparison.Ordinal);
        Assert.Contains("charts.js", error.Message, StringComparison.Ordinal);
        Assert.Null(EmbeddedAssets.Web.TryOpen("vendor/uplot"));
        Assert.False(EmbeddedAssets.Web.Exists("Charts.js"));
    }

    [Fact]
    public void ChartScripts_DocumentTheirApiAtTheTop()
    {
        Assert.Contains("NeuroScopeCharts.create(element, options)", EmbeddedAssets.Web.Read("charts.js")[..3000], StringComparison.Ordinal);
        Assert.Contains("NeuroScopeSurface.create(element, surface", EmbeddedAssets.Web.Read("surface.js")[..3000], StringComparison.Ordinal);
    }
}
