using System.Text.RegularExpressions;

namespace NeuroScope.Examples.Tests;

/// <summary>
/// The C# samples of README.md that are whole programs (those that begin with a using directive; the others are
/// fragments such as one attribute), cut out of it and run as single-file programs. Where a sample line prints something,
/// its trailing comment says what (<c>Console.WriteLine(x.Grad);   // tensor([2.0000, …])</c>, "…" standing for any
/// text), and the test holds the printed line to it.
/// </summary>
[Collection(DotnetRunCollection.Name)]
public sealed partial class ReadmeSamplesTests
{
    [Fact]
    public void ReadmeSamples_RunAsPrograms_PrintWhatTheirCommentsSay()
    {
        var samples = Samples(File.ReadAllText(Path.Combine(FileProgram.RepositoryRoot, "README.md")));
        string folder = Path.Combine(Path.GetTempPath(), $"neuroscope-readme-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // The engine, or the experiments assembly (which brings the engine) for a sample that uses its files.
            string engine = Path.Combine(FileProgram.RepositoryRoot, "src", "NeuroScope", "NeuroScope.csproj");
            string experiments = Path.Combine(FileProgram.RepositoryRoot, "src", "NeuroScope.Experiments", "NeuroScope.Experiments.csproj");
            var files = new List<string>();
            for (int i = 0; i < samples.Count; i++)
            {
                files.Add(Path.Combine(folder, $"readme_sample_{i + 1}.cs"));
                string project = samples[i].Contains("using NeuroScope.Experiments", StringComparison.Ordinal) ? experiments : engine;
                File.WriteAllText(files[i], $"#:project {project}\n{samples[i]}");
            }

            // A sample formats numbers in its reader's language; the comments show them as printed in English.
            // They run in the temporary folder, so a sample that saves a file leaves nothing in the repository.
            var runs = FileProgram.RunAll(files, "C.UTF-8", folder, "-c", "Release");

            Assert.True(samples.Count >= 4, $"README.md has {samples.Count} C# programs; expected the taste, the compiled step, the training loop and the trainer.");
            for (int i = 0; i < samples.Count; i++)
            {
                var run = runs[Path.GetFileNameWithoutExtension(files[i])];
                Assert.True(run.ExitCode == 0, $"README sample {i + 1}:\n{samples[i]}\n{run}");
                var expected = ExpectedLines(samples[i]);
                Assert.True(expected.Count > 0, $"README sample {i + 1} prints nothing to check:\n{samples[i]}");
                Assert.Equal(expected.Count, run.Lines.Length);
                for (int k = 0; k < expected.Count; k++)
                    Assert.Matches(expected[k], run.Lines[k]);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The bodies of the ```csharp blocks that are whole programs.</summary>
    public static IReadOnlyList<string> Samples(string markdown) =>
        [.. CSharpBlock().Matches(markdown.ReplaceLineEndings("\n")).Select(m => m.Groups[1].Value).Where(body => body.StartsWith("using ", StringComparison.Ordinal))];

    /// <summary>One anchored pattern per printing line, from its trailing comment; "…" matches anything.</summary>
    public static IReadOnlyList<string> ExpectedLines(string sample) =>
        [.. PrintedComment().Matches(sample).Select(m => "^" + string.Join(".*", m.Groups[1].Value.Trim().Split('…').Select(Regex.Escape)) + "$")];

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"Console\.WriteLine\(.*\);[ \t]*//(.*)$", RegexOptions.Multiline)]
    private static partial Regex PrintedComment();
}
