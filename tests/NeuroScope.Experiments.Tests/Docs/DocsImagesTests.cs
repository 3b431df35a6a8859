using System.Text.RegularExpressions;

namespace NeuroScope.Experiments.Tests.Docs;

/// <summary>
/// docs/images holds exactly the pictures README.md and docs/*.md show, and docs/regenerate.sh redraws every one of
/// them, so no quoted picture is left behind when the code moves.
/// </summary>
public sealed partial class DocsImagesTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Images = Path.Combine(Root, "docs", "images");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroScope.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (NeuroScope.slnx) is not above the test's folder.");
    }

    private static SortedSet<string> Shown() =>
        new(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"))
            .SelectMany(file => ImageReference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)), StringComparer.Ordinal);

    [Fact]
    public void DocsImages_HoldExactlyThePicturesThePagesShow()
    {
        var files = new SortedSet<string>(Directory.GetFiles(Images).Select(Path.GetFileName)!, StringComparer.Ordinal);

        Assert.Equal(Shown(), files);
    }

    [Fact]
    public void RegenerateScript_RedrawsEveryPictureThePagesShow()
    {
        string script = File.ReadAllText(Path.Combine(Root, "docs", "regenerate.sh"));
        var written = new HashSet<string>(RegenerateTarget().Matches(script).Select(m => m.Groups[1].Value), StringComparer.Ordinal);
        // The neuron's pictures are copied in a loop: neuron_<name>.png for each name the loop lists.
        foreach (Match loop in NeuronLoop().Matches(script))
            written.UnionWith(loop.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(name => $"neuron_{name}.png"));

        Assert.Empty(Shown().Except(written));
    }

    // ![alt](images/x.png) in docs/*.md, ![alt](docs/images/x.png) in README.md, and plain links to images/x.png.
    [GeneratedRegex(@"\((?:docs/)?images/([\w.-]+\.(?:png|gif|mp4))\)")]
    private static partial Regex ImageReference();

    [GeneratedRegex(@"""\$images/([\w.-]+\.(?:png|gif|mp4))""")]
    private static partial Regex RegenerateTarget();

    [GeneratedRegex(@"for picture in ([\w ]+); do\s+cp ""\$work/neuron_001/\$picture\.png"" ""\$images/neuron_\$picture\.png""")]
    private static partial Regex NeuronLoop();
}
