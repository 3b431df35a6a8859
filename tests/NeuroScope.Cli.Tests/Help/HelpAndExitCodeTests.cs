using static NeuroScope.Cli.Tests.CliRunner;

namespace NeuroScope.Cli.Tests.Help;

public class HelpAndExitCodeTests
{
    public static TheoryData<string> Verbs() =>
        ["tour", "dose", "copy", "copy prompt", "fit", "neuron", "neuron simulate", "neuron landscape", "neuron fit", "neuron silent", "runs", "replay", "demo"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void VerbHelp_ShowsUsageOptionsAndExamples(string verb)
    {
        var (code, output, _) = Run([.. verb.Split(' '), "--help"]);

        Assert.Equal(0, code);
        Assert.Contains("Usage:", output);
        Assert.Contains("Examples:", output);
        Assert.Contains($"neuroscope {verb}", output);
    }

    [Fact]
    public void RootHelp_ListsEachVerbOnOneLine()
    {
        var (code, output, _) = Run("--help");
        var commands = output[output.IndexOf("Commands:", StringComparison.Ordinal)..]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();

        Assert.Equal(0, code);
        string[] verbs = ["tour", "dose", "copy", "fit", "neuron", "sweep", "runs", "replay", "demo", "board"];
        foreach (var verb in verbs)
            Assert.Single(commands, line => line.TrimStart().StartsWith(verb + " ", StringComparison.Ordinal));
        Assert.All(commands, line => Assert.Matches(@"^\s+\S", line));
        Assert.Equal(verbs.Length, commands.Count);
    }

    [Fact]
    public void Version_PrintsTheVersion()
    {
        var (code, output, _) = Run("--version");

        Assert.Equal(0, code);
        Assert.Matches(@"^\d+\.\d+\.\d+", output.Trim());
    }

    // Each bad input: exit code 2, and a message that names the option or field and what is allowed.
    public static TheoryData<string, string[]> BadInputs() => new()
    {
        { "--learning-rate", ["dose", "--learning-rate", "0"] },
        { "mode", ["dose", "--mode", "sideways"] },
        { "--mse-epochs", ["copy", "--mse-epochs", "0"] },
        { "thousands separators", ["dose", "--epochs", "1,000"] },
        { "way", ["copy", "--way", "all-of-them"] },
        { "--input-dimension", ["fit", "--input-dimension", "3"] },
        { "target", ["fit", "--target", "tan2"] },
        { "box", ["fit", "--box", "2,1"] },
        { "position", ["fit", "--expression", "sin(x"] },
        { "--params", ["neuron", "fit", "--params", "gain"] },
        { "--steps", ["demo", "--steps", "0"] },
        { "Cannot parse", ["demo", "--steps", "ten"] },
        { "not a run directory", ["replay", "/nonexistent/run_001"] },
        { "does not exist", ["dose", "--config", "/nonexistent/config.json"] },
        { "Unrecognized command or argument", ["frobnicate"] },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInput_ExitsTwoWithAMessageNamingWhatIsWrong(string expected, string[] args)
    {
        using var cli = new CliRunner("bad");

        var (code, _, error) = Run([.. args, .. (args[0] is "replay" or "frobnicate" or "demo" ? Array.Empty<string>() : ["--runs-dir", cli.RunsDir])]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
    }
}
