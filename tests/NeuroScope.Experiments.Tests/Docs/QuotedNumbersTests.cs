using System.Globalization;
using NeuroScope.Experiments.Copy;
using NeuroScope.Experiments.Dose;
using NeuroScope.Experiments.Fit;

namespace NeuroScope.Experiments.Tests.Docs;

/// <summary>
/// The deterministic numbers README.md and docs/ quote, recomputed from the current code: a change that moves one
/// fails here until the text says what the code does. docs/regenerate.sh reruns the same commands and redraws the
/// pictures.
/// </summary>
public sealed class QuotedNumbersTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Readme = File.ReadAllText(Path.Combine(Root, "README.md"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NeuroScope.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (NeuroScope.slnx) is not above the test's folder.");
    }

    private static string Doc(string name) => File.ReadAllText(Path.Combine(Root, "docs", name));

    private static string Invariant(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    // The prose writes negative numbers with a real minus sign.
    private static string Minus(string number) => number.Replace('-', '−');

    [Fact]
    public void Dose_Defaults_GiveTheBiasesAndSuggestionTheDocsQuote()
    {
        var result = DoseResponse.Run(new DoseConfig());

        string plain = Invariant(result.Plain!.FinalBias, "F4"), trainer = Invariant(result.Trainer!.FinalBias, "F4");
        string suggested = Invariant(result.Trainer.LearningRate, "G3");
        Assert.Contains($"| plain loop | {Minus(plain)} |", Readme);
        Assert.Contains($"| trainer + lr_find | {Minus(trainer)} |", Readme);
        Assert.Contains($"suggests {suggested} for the learning rate", Readme);
        Assert.Contains($"stops at step {result.Plain.Steps} ", Readme);
        string dose = Doc("dose.md");
        Assert.Contains($"Final bias, after optimization: {plain}", dose);
        Assert.Contains($"Final bias, after training: {trainer}", dose);
        Assert.Contains($"**{Minus(plain)}** (plain loop, {result.Plain.Steps} steps) and **{Minus(trainer)}** (trainer, lr {suggested})", dose);
    }

    [Fact]
    public void Copy_Defaults_GiveTheOutputsForTheLargeInputTheDocsQuote()
    {
        var result = CopyNumber.Run(new CopyConfig());

        string copy = Doc("copy.md");
        foreach (var way in result.Ways)
        {
            var large = way.Outputs.Single(o => o.Input == 123123123123);
            Assert.Contains($"│ {way.Way.ToString().ToLowerInvariant(),-6} │ 123123123123.0000 │ {Invariant(large.Float32Input, "F4")} │ "
                + $"{Invariant(large.Float32Output, "F4")} │ {Invariant(large.Float64Output, "F4")} │", copy);
        }
        var pure = result.Pure!.Outputs.Single(o => o.Input == 123123123123);
        string lost = Invariant(pure.Input - pure.Float32Input, "F0");
        Assert.Contains($"stored as {Invariant(pure.Float32Input, "F0")} and even a\nperfect copy is {lost} off", Readme);
    }

    [Fact]
    public void Pinn_ReadmeExample_ReachesTheQuotedRelativeError()
    {
        // The README's command: fit --pde poisson1d --rhs "-pi^2*sin(pi*x)" --box 0,1 --boundary 0,0 --optimizer adam
        // --learning-rate 0.003 --steps 2000 --collocation 100 (sharpness off here: it measures, it does not steer).
        var config = new FitConfig
        {
            Pde = "poisson1d", Rhs = "-pi^2*sin(pi*x)", Box = [0, 1], Boundary = [0, 0], Optimizer = "adam",
            LearningRate = 0.003, Steps = 2000, Collocation = 100, SharpnessEvery = 0, FrameEvery = 2000,
        };

        var result = FunctionFit.Run(config);

        double error = result.RelativeL2Error!.Value;
        Assert.True(error < 1e-2, $"relative L2 error {error}");
        string quoted = Invariant(error, "0.0e-0");
        Assert.Contains($"--learning-rate 0.003\n--steps 2000 --collocation 100` learns u = sin(πx) from no data (relative L2 error {quoted})", Readme);
        string mantissa = quoted[..quoted.IndexOf('e')], exponent = quoted[(quoted.IndexOf('e') + 2)..];
        Assert.Contains($"relative L2 error of {mantissa}·10⁻{Superscript(exponent)}", Doc("fit.md"));
    }

    [Fact]
    public void Fit_EdgeOfStability_SharpnessRisesPeaksAndHoversWhereTheDocsSay()
    {
        var result = FunctionFit.Run(new FitConfig { LearningRate = 0.02, FrameEvery = 5000 });

        var steps = result.SharpnessSteps;
        var sharpness = result.Sharpness;
        int peak = Array.IndexOf(sharpness, sharpness.Max());
        int crossing = steps[Array.FindIndex(sharpness, s => s > 100)];
        var plateau = sharpness.Where((_, i) => steps[i] >= 3000).ToArray();
        string sentence = $"from {Invariant(sharpness[0], "F0")} to {Invariant(sharpness[peak], "F0")} at step {Invariant(steps[peak], "N0")})";
        string crossed = $"Past 2/lr (at step {Invariant(crossing, "N0")})";
        string hovers = $"({Invariant(plateau.Average(), "F1")} on average from step 3,000, between {Invariant(plateau.Min(), "F1")} and {Invariant(plateau.Max(), "F1")})";
        foreach (var text in new[] { Readme, Doc("fit.md") })
        {
            Assert.Contains(sentence, text);
            Assert.Contains(crossed, text);
            Assert.Contains(hovers, text);
        }
    }

    private static string Superscript(string digits) => string.Concat(digits.Select(c => "⁰¹²³⁴⁵⁶⁷⁸⁹"[c - '0']));
}
