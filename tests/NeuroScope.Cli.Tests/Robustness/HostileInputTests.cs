using System.Globalization;
using System.Text;

namespace NeuroScope.Cli.Tests.Robustness;

/// <summary>Files the hostile cases point at: bad CSVs, bad configs, damaged run folders, and one trained copy run.</summary>
public sealed class HostileFiles : IDisposable
{
    public HostileFiles()
    {
        Directory.CreateDirectory(Root);
        Write("ok.csv", "x,target\n0,0\n1,1\n2,4\n");
        Write("semicolon.csv", "x;target\n0;0\n1;1\n");
        Write("thousands.csv", "x,target\n0,1\n1 000,2\n");
        Write("quoted.csv", "x,target\n0,1\n\"1,000\",3\n");
        Write("huge.csv", "x,target\n0,1e308\n1,-1e308\n");
        Write("large.csv", "x,target\n0,1e20\n1,2\n");
        Write("nan.csv", "x,target\n0,NaN\n1,2\n");
        Write("one.csv", "x,target\n0,1\n");
        Write("header-only.csv", "x,target\n");
        Write("columns.csv", "x,y,target\n0,0,1\n1,1,2\n");
        Write("constant-x.csv", "x,target\n1,1\n1,2\n");
        Write("not-json.json", "{ this is not json");
        Write("array.json", "[]");
        Write("unknown-key.json", "{\"foo\": 1}");
        Write("sum.json", "{\"expression\": \"" + string.Join("+", Enumerable.Repeat("x", 200_000)) + "\"}");
        Write("a-file", "not a folder");
        RunFolder("bad-array", "[]");
        RunFolder("bad-number", "{\"experiment\": 5}", withConfig: true);
        RunFolder("bad-injection", "{\"experiment\": \"dose --mode plain --learning-rate 0.5\"}", withConfig: true);
        RunFolder("bad-huge-name", "{\"experiment\": \"" + new string('d', 3_000_000) + "\"}", withConfig: true);
        RunFolder("no-config", "{\"experiment\": \"dose\"}");
        var (code, _, stderr) = CliRunner.Run("copy", "--way", "pure", "--pure-epochs", "2", "--runs-dir", Path.Combine(Root, "copy-runs"), "--quiet");
        Assert.True(code == 0, stderr);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"neuroscope-hostile-{Guid.NewGuid():N}");

    private void Write(string name, string content) => File.WriteAllText(Path.Combine(Root, name), content);

    private void RunFolder(string name, string runJson, bool withConfig = false)
    {
        string folder = Path.Combine(Root, "listing", name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"), runJson);
        if (withConfig)
            File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

/// <summary>
/// Hostile input, table-driven, through the CLI's own entry point with real argument lists: each case gives its exit
/// code and words its message must hold. Every case runs under the German culture (decimal comma), so a number read
/// with the machine's culture shows up as a failure. Bad input (exit 2) must leave no run folder behind, and no case may
/// print a stack trace.
/// </summary>
public class HostileInputTests(HostileFiles files) : IClassFixture<HostileFiles>
{
    private static readonly string Nested = string.Concat(Enumerable.Repeat("sin(", 8000)) + "x" + new string(')', 8000);
    private static readonly string Deep = new string('(', 150) + "x" + new string(')', 150);
    private static readonly string TenMegabytes = new('n', 10 << 20);

    /// <summary>(case, arguments with {dir} for the files and {runs} for a fresh runs folder, standard input, exit code, words of the message).</summary>
    public static TheoryData<string, string[], string, int, string[]> Cases() => new()
    {
        // Numbers: one reading on every machine; a thousands separator is an error, not another number.
        { "box with a thousands separator", ["fit", "--box", "1,000"], "", 2, ["box", "min must be less than its max"] },
        { "hidden with a thousands separator", ["fit", "--hidden", "1,000"], "", 2, ["hidden", "1..4096"] },
        { "target parameters with a thousands separator", ["fit", "--target", "poly", "--target-parameters", "a=1,000"], "", 2, ["--target-parameters", "name=value"] },
        { "initial with a decimal comma", ["neuron", "simulate", "--initial", "tau=1,5"], "", 2, ["--initial"] },
        { "CSV with semicolons", ["fit", "--data", "{dir}/semicolon.csv"], "", 2, ["--data-file", "line 2", "numbers separated by ','"] },
        { "CSV with a space as thousands separator", ["fit", "--data", "{dir}/thousands.csv"], "", 2, ["--data-file", "line 3"] },
        { "CSV with a quoted thousands separator", ["fit", "--data", "{dir}/quoted.csv"], "", 2, ["--data-file", "line 3"] },
        { "prompt answer with a thousands separator", ["copy", "prompt", "--runs-dir", "{dir}/copy-runs"], "1,000\nexit\n", 0, ["NaN - Enter a valid number."] },
        { "prompt answer with a decimal point", ["copy", "prompt", "--runs-dir", "{dir}/copy-runs"], "1.5\nexit\n", 0, ["Model output: "] },
        { "prompt answer with a decimal comma", ["copy", "prompt", "--runs-dir", "{dir}/copy-runs"], "1,5\nexit\n", 0, ["NaN - Enter a valid number."] },
        { "prompt fed endless input without newlines", ["copy", "prompt", "--runs-dir", "{dir}/copy-runs"], new string('\0', 100_000), 2, ["longer than 10000 characters"] },
        { "prompt with no run", ["copy", "prompt", "--run", "{dir}/no-such-run"], "", 2, ["does not exist"] },

        // Formulas: bounded size and depth, no stack overflow; targets checked at every training point before training.
        { "8,000 nested sin(", ["fit", "--expression", Nested], "", 2, ["expression", "at most 2000"] },
        { "150 nested parentheses", ["fit", "--expression", Deep], "", 2, ["expression", "nested more than 100 levels"] },
        { "a config with a 200,000-term sum", ["fit", "--config", "{dir}/sum.json"], "", 2, ["expression", "at most 2000"] },
        { "empty expression", ["fit", "--expression", ""], "", 2, ["expression", "empty"] },
        { "1/0 is not finite", ["fit", "--expression", "1/0"], "", 2, ["expression", "Infinity", "x = ", "first training point"] },
        { "log(x) on a box with negatives", ["fit", "--expression", "log(x)"], "", 2, ["expression", "NaN", "x = "] },
        { "sqrt(-1)", ["fit", "--expression", "sqrt(-1)"], "", 2, ["expression", "NaN"] },
        { "exp(exp(exp(x)))", ["fit", "--expression", "exp(exp(exp(x)))"], "", 2, ["expression", "Infinity"] },
        { "a huge expression value", ["fit", "--expression", "1e300*x"], "", 2, ["expression", "beyond ±1e15"] },
        { "a box of ±1e308", ["fit", "--box", "-1e308,1e308"], "", 2, ["box", "within ±1e15"] },
        { "a box of 1e20", ["fit", "--box", "0,1e20"], "", 2, ["box", "within"] },
        { "y in a 1-D expression", ["fit", "--expression", "sin(x)*cos(y)"], "", 2, ["expression", "uses y", "--input-dimension 2"] },
        { "y in a 1-D right-hand side", ["fit", "--pde", "poisson1d", "--rhs", "sin(y)", "--box", "0,1"], "", 2, ["rhs", "uses y"] },
        { "a right-hand side that is NaN", ["fit", "--pde", "poisson1d", "--rhs", "sqrt(-1)", "--box", "0,1"], "", 2, ["rhs", "NaN", "x = "] },
        { "data and an expression", ["fit", "--data", "{dir}/ok.csv", "--expression", "x"], "", 2, ["either a data file or an expression"] },
        { "a PDE with an expression", ["fit", "--pde", "poisson1d", "--rhs", "x", "--expression", "x"], "", 2, ["without data"] },

        // Data files: everything read and checked before the run folder exists.
        { "CSV with ±1e308 targets", ["fit", "--data", "{dir}/huge.csv"], "", 2, ["--data-file", "line 2", "within ±1e15"] },
        { "CSV with a 1e20 target", ["fit", "--data", "{dir}/large.csv"], "", 2, ["--data-file", "line 2"] },
        { "CSV with NaN", ["fit", "--data", "{dir}/nan.csv"], "", 2, ["--data-file", "line 2", "NaN"] },
        { "CSV of one sample", ["fit", "--data", "{dir}/one.csv"], "", 2, ["--data-file", "at least 2 samples"] },
        { "CSV with only a header", ["fit", "--data", "{dir}/header-only.csv"], "", 2, ["--data-file", "at least 2 samples"] },
        { "CSV with too many columns", ["fit", "--data", "{dir}/columns.csv"], "", 2, ["--data-file", "columns"] },
        { "CSV whose x does not vary", ["fit", "--data", "{dir}/constant-x.csv"], "", 2, ["--data-file", "span"] },
        { "data from /dev/zero", ["fit", "--data", "/dev/zero"], "", 2, ["--data-file", "line 1 is longer than"] },
        { "data is a folder", ["fit", "--data", "{dir}"], "", 2, ["--data-file", "folder"] },
        { "data file missing", ["fit", "--data", "{dir}/missing.csv"], "", 2, ["--data-file", "does not exist"] },

        // Configs: bounded reads, clear messages.
        { "config from /dev/zero", ["fit", "--config", "/dev/zero"], "", 2, ["config", "longer than 1 MB"] },
        { "config is a folder", ["dose", "--config", "{dir}"], "", 2, ["config", "folder"] },
        { "config missing", ["dose", "--config", "{dir}/missing.json"], "", 2, ["config", "does not exist"] },
        { "config not JSON", ["fit", "--config", "{dir}/not-json.json"], "", 2, ["not a valid configuration"] },
        { "config is an array", ["fit", "--config", "{dir}/array.json"], "", 2, ["not a valid configuration"] },
        { "config with an unknown key", ["dose", "--config", "{dir}/unknown-key.json"], "", 2, ["foo"] },

        // The run folder and names.
        { "empty runs-dir", ["dose", "--runs-dir", ""], "", 2, ["--runs-dir", "empty"] },
        { "runs-dir is a file", ["dose", "--runs-dir", "{dir}/a-file"], "", 2, ["--runs-dir", "cannot be written"] },
        { "a 200-character name", ["dose", "--name", new string('n', 200)], "", 2, ["--name", "200 characters", "at most 100"] },
        { "a 10 MB name", ["dose", "--name", TenMegabytes], "", 2, ["--name", "10485760 characters"] },
        { "a 10 MB fit name", ["fit", "--name", TenMegabytes], "", 2, ["name", "10485760 characters"] },
        { "a 10 MB expression", ["fit", "--expression", TenMegabytes], "", 2, ["expression", "10485760 characters"] },

        // Resources: estimated before running, refused naming the setting and the limit.
        { "ten million frames", ["fit", "--steps", "10000000", "--frame-every", "1", "--hidden", "2", "--samples", "2", "--sharpness-every", "0"], "", 2, ["frameEvery", "at most 5000"] },
        { "a million samples through 4096-wide layers", ["fit", "--samples", "1000000", "--hidden", "4096,4096"], "", 2, ["samples", "limit is 2,048 MB"] },
        { "ten million reward epochs", ["copy", "--way", "reward", "--reward-epochs", "10000000"], "", 2, ["reward-epochs", "1..1000000"] },
        { "a reward slope of 1e308", ["copy", "--reward-f", "1e308"], "", 2, ["--reward-f", "0..1000000"] },

        // Listing and replay trust nothing in run.json.
        { "runs with damaged run.json files", ["runs", "--runs-dir", "{dir}/listing"], "", 0, ["no-config", "bad-injection"] },
        { "replay of run.json []", ["replay", "{dir}/listing/bad-array"], "", 2, ["not a run directory"] },
        { "replay of run.json with a number", ["replay", "{dir}/listing/bad-number"], "", 2, ["not an experiment here"] },
        { "replay of an experiment with options in it", ["replay", "{dir}/listing/bad-injection"], "", 2, ["'dose --mode plain --learning-rate 0.5'", "not an experiment here"] },
        { "replay of a 3 MB experiment name", ["replay", "{dir}/listing/bad-huge-name"], "", 2, ["not a run directory"] },
        { "replay without config.json", ["replay", "{dir}/listing/no-config"], "", 2, ["no config.json"] },
        { "replay of a missing folder", ["replay", "{dir}/listing/missing"], "", 2, ["not a run directory"] },

        // Failures that are runs: exit 1, said on stderr.
        { "demo diverging", ["demo", "--learning-rate", "1e30", "--steps", "5", "--hidden", "2"], "", 1, ["The loss became", "smaller --learning-rate"] },
        { "neuron fit whose first step is invalid", ["neuron", "fit", "--params", "v_rest,v_reset", "--loss", "voltage", "--optimizer", "momentum", "--learning-rate", "1e100", "--iterations", "5", "--no-progress"], "", 1, ["The run failed"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileInput_IsRefusedWithItsCodeAndAClearMessage(string name, string[] args, string input, int code, string[] words)
    {
        using var runner = new CliRunner("hostile");
        var line = args.Select(a => a.Replace("{dir}", files.Root, StringComparison.Ordinal)).ToList();
        if (!line.Contains("--runs-dir") && line[0] is "dose" or "copy" or "fit" or "neuron")
            line.AddRange(["--runs-dir", runner.RunsDir]);
        var culture = CultureInfo.CurrentCulture;
        (int Code, string Stdout, string Stderr) result;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            result = CliRunner.RunWithInput(input, [.. line]);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }
        string message = code == 0 ? result.Stdout : result.Stderr;

        Assert.True(code == result.Code, $"{name}: exit {result.Code}, expected {code}; stderr: {Shorten(result.Stderr)}");
        foreach (string word in words)
            Assert.True(message.Contains(word, StringComparison.Ordinal), $"{name}: '{word}' missing from: {Shorten(message)}");
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.True(result.Stderr.Length < 4000, $"{name}: {result.Stderr.Length} characters on stderr");
        if (code == 2)
            Assert.False(Directory.Exists(runner.RunsDir) && Directory.EnumerateFileSystemEntries(runner.RunsDir).Any(), $"{name}: a run folder was written");
    }

    [Fact]
    public void Cases_CoverAtLeastSixty()
    {
        Assert.True(Cases().Count >= 60, $"{Cases().Count} cases");
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
