using System.Globalization;
using System.Text.RegularExpressions;

namespace NeuroScope.Examples.Tests;

/// <summary>
/// Each example prints what the library computes; these tests hold it to the numbers the README and docs quote, so an
/// example cannot silently drift from the library or stop compiling.
/// </summary>
[Collection(DotnetRunCollection.Name)]
public sealed partial class ExamplesTests(ExampleRuns examples) : IClassFixture<ExampleRuns>
{
    // The examples with checks below; a new file in examples/ must be added here and to its README.
    private static readonly string[] CheckedNames = ["autodiff", "copy", "dose", "dose_trainer", "neuron", "pinn", "sharpness"];

    /// <summary>Every example, for the tests that hold for all of them.</summary>
    public static TheoryData<string> Checked { get; } = new(CheckedNames);

    [Fact]
    public void Examples_EveryFile_IsCheckedListedInTheReadmeAndShort()
    {
        var readme = File.ReadAllText(Path.Combine(examples.Folder, "README.md"));

        Assert.Equal(CheckedNames, examples.Names);
        foreach (string name in examples.Names)
        {
            Assert.Contains($"dotnet run examples/{name}.cs", readme);
            int lines = File.ReadAllLines(Path.Combine(examples.Folder, name + ".cs")).Length;
            Assert.True(lines <= 85, $"examples/{name}.cs has {lines} lines; an example is read in one sitting, about 80 at most.");
        }
    }

    [Theory]
    [MemberData(nameof(Checked))]
    public void Example_RunAsAUserWould_ExitsZeroWithoutWarnings(string name)
    {
        var run = examples.Succeeded(name);

        Assert.DoesNotContain("warning", run.Output + run.Errors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Dose_PlainSgdLoop_StopsAtStep34WithTheReferenceBias()
    {
        var lines = examples.Succeeded("dose").Lines;

        Assert.Equal("Final bias, before optimization: 0.0000", lines[0]);
        Assert.Equal("Step: 0 Final Bias: -3.2020", lines[1]);
        Assert.Equal("Step: 33 Final Bias: -16.0019", lines[^3]);
        Assert.Equal("Num steps: 34", lines[^2]);
        Assert.Equal("Final bias, after optimization: -16.0019", lines[^1]);
    }

    [Fact]
    public void DoseTrainer_LearningRateFinder_SuggestsTheReferenceRate()
    {
        var lines = examples.Succeeded("dose_trainer").Lines;

        Assert.Equal(
            ["Final bias, before training: 0.0000", "lr_find() suggests 0.00214 for the learning rate.",
             "Trained 10200 steps.", "Final bias, after training: -16.0098"], lines);
    }

    [Fact]
    public void Copy_ThreeWays_LearnTheIdentityAndFloat32LosesTheLastDigits()
    {
        var output = examples.Succeeded("copy").Output;

        Assert.Matches(@"mse +w = 0\.9944, b = 0\.0386", output);
        Assert.Matches(@"reward +w = 0\.9998, b = -0\.0002", output);
        Assert.Matches(@"pure +w = 1\.0000, b = 0\.0000", output);
        Assert.Contains("123123123123 as float32: 123123122176, as float64: 123123123123", output);
        Assert.Matches(@"mse +123123123123 +122433429504\.0000 +122433431155\.6049", output);
        Assert.Matches(@"pure +123123123123 +123123122176\.0000 +123123123123\.0000", output);
    }

    [Fact]
    public void Autodiff_SecondDerivatives_MatchTheHessianAndFiniteDifferences()
    {
        var output = examples.Succeeded("autodiff").Output;

        Assert.Contains("gradient: [-155.0, -50.0]   H·[1, 0]: [1902.0, 600.0]", output);
        var differences = Regex.Match(output, @"central differences: u' (\S+), u'' (\S+)");
        Assert.True(differences.Success, output);
        Assert.InRange(Number(differences.Groups[1].Value), 0, 1e-7);
        Assert.InRange(Number(differences.Groups[2].Value), 0, 1e-5);
        Assert.Contains("d/dx [x · d/dy (x·y)] at x = 1: 2", output);
    }

    [Fact]
    public void Sharpness_GradientDescent_ClimbsToTwoOverLearningRateAndHoversThere()
    {
        var lines = examples.Succeeded("sharpness").Lines;

        var rows = lines.Select(line => TableRow().Match(line)).Where(m => m.Success)
            .Select(m => (Step: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Sharpness: Number(m.Groups[3].Value))).ToList();
        Assert.Equal(25, rows.Count);
        Assert.Equal("30.87", rows[0].Sharpness.ToString("F2", CultureInfo.InvariantCulture));   // well below 2/lr at the start
        Assert.True(rows.Max(r => r.Sharpness) > 2 / 0.03, "the sharpness never reached 2/lr");
        Assert.Equal("mean sharpness over steps 301-600: 67.6 (2/lr = 66.7)", lines[^1]);
    }

    [Fact]
    public void Pinn_PoissonFromNoData_HasTheReferenceError()
    {
        var output = examples.Succeeded("pinn").Output;

        var error = Regex.Match(output, @"relative L2 error: (\S+)");
        Assert.True(error.Success, output);
        Assert.Equal("2.14E-004", error.Groups[1].Value);
        Assert.Contains("u(0.5) = 0.99994 (exact 1)", output);
    }

    [Fact]
    public void Neuron_SurrogateGradients_RecoverTauAndThreshold()
    {
        var lines = examples.Succeeded("neuron").Lines;

        Assert.Equal("The true neuron fires 3 spikes in 200 ms; the guess fires 6.", lines[0]);
        Assert.Matches(@"^tau +25\.000 +20\.000 +25\.004$", lines[^2]);
        Assert.Matches(@"^v_threshold +-52\.000 +-55\.000 +-51\.998$", lines[^1]);
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(\d+)\s+(\S+)\s+(\S+)\s*$")]
    private static partial Regex TableRow();
}
