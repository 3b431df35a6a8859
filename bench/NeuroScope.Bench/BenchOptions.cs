using System.Globalization;

namespace NeuroScope.Bench;

/// <summary>Whether a run of the suite also runs the libtorch side (bench/NeuroScope.Bench.Torch).</summary>
internal enum LibTorchSide
{
    /// <summary>Runs it when it is built, and says so when it is not.</summary>
    Auto,

    /// <summary>Runs it; a missing build is an error.</summary>
    Required,

    /// <summary>Leaves it out.</summary>
    Off,
}

/// <summary>Command-line options of the benchmark runner (the NeuroScope side and the libtorch side read the same ones).</summary>
/// <param name="Workloads">W1..W6, in the order given.</param>
/// <param name="DType">float32 or float64 (W4, W6).</param>
/// <param name="Threads">The thread counts to run each workload at, each in its own process (e.g. 1 and 2).</param>
/// <param name="Runs">Timed runs per workload and engine (at least 5; the figure is their median).</param>
/// <param name="EngineOnly">Leaves out the hand-written loops.</param>
/// <param name="GcBudgetMb">EngineSettings.LargeTensorCollectionBytes in MB; null for the engine's suggested budget.</param>
/// <param name="LibTorch">Whether the libtorch side runs too.</param>
/// <param name="Engines">Only these engines' lines (e.g. neuroscope-compiled,libtorch); null for all.</param>
internal sealed record BenchOptions(IReadOnlyList<string> Workloads, string DType, IReadOnlyList<int> Threads, int Runs, bool EngineOnly,
    int? GcBudgetMb = null, LibTorchSide LibTorch = LibTorchSide.Auto, IReadOnlyList<string>? Engines = null)
{
    /// <summary>Every engine name a line can carry.</summary>
    public static readonly string[] EngineNames =
        ["neuroscope", "neuroscope-compiled", "neuroscope-autodiff", "hand", "libtorch", "libtorch-doubles"];

    public static readonly string[] All = ["W1", "W2", "W3", "W4", "W5", "W6"];

    public const string Usage =
        "usage: NeuroScope.Bench (W1..W6 | all)... [--dtype float32|float64] [--threads N[,N...]] [--runs N] [--engine-only]\n" +
        "                        [--engines NAME[,NAME...]] [--gc-budget-mb N] [--libtorch | --no-libtorch]";

    /// <summary>Parses <paramref name="args"/>; on bad input returns null and sets <paramref name="error"/> to a message naming the option, the value and what is allowed.</summary>
    public static BenchOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var ids = new List<string>();
        string dtype = "float32";
        var threads = new List<int> { 1 };
        int runs = 5;
        bool engineOnly = false;
        int? gcBudget = null;
        var libTorch = LibTorchSide.Auto;
        List<string>? engines = null;
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string? Value() => i + 1 < args.Count ? args[++i] : null;
            switch (a)
            {
                case "--dtype":
                    dtype = Value() ?? "";
                    if (dtype is not ("float32" or "float64"))
                        return Fail(out error, $"--dtype must be float32 or float64, got '{dtype}'");
                    break;
                case "--threads":
                    string list = Value() ?? "";
                    threads.Clear();
                    foreach (var part in list.Split(','))
                    {
                        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1 || n > 1024)
                            return Fail(out error, $"--threads takes whole numbers from 1 to 1024, separated by commas (e.g. 1,2), got '{list}'");
                        if (!threads.Contains(n))
                            threads.Add(n);
                    }
                    break;
                case "--runs":
                    string r = Value() ?? "";
                    if (!int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 5)
                        return Fail(out error, $"--runs must be a whole number of at least 5 (the figures are medians of at least 5 runs), got '{r}'");
                    break;
                case "--engine-only":
                    engineOnly = true;
                    break;
                case "--gc-budget-mb":
                    string g = Value() ?? "";
                    if (!int.TryParse(g, NumberStyles.None, CultureInfo.InvariantCulture, out int mb))
                        return Fail(out error, $"--gc-budget-mb must be a whole number of MB (0 turns the collection policy off), got '{g}'");
                    gcBudget = mb;
                    break;
                case "--engines":
                    string names = Value() ?? "";
                    engines = [.. names.Split(',')];
                    if (engines.FirstOrDefault(e => Array.IndexOf(EngineNames, e) < 0) is { } unknown)
                        return Fail(out error, $"--engines takes engine names separated by commas ({string.Join(", ", EngineNames)}), got '{unknown}'");
                    break;
                case "--libtorch":
                    libTorch = LibTorchSide.Required;
                    break;
                case "--no-libtorch":
                    libTorch = LibTorchSide.Off;
                    break;
                default:
                    if (a.Equals("all", StringComparison.OrdinalIgnoreCase))
                        ids.AddRange(All);
                    else if (Array.IndexOf(All, a.ToUpperInvariant()) >= 0)
                        ids.Add(a.ToUpperInvariant());
                    else
                        return Fail(out error, $"unknown argument '{a}'; name workloads W1..W6 or 'all', then options");
                    break;
            }
        }
        if (ids.Count == 0)
            return Fail(out error, "name a workload (W1..W6) or 'all'");
        return new BenchOptions(ids.Distinct().ToList(), dtype, threads, runs, engineOnly, gcBudget, libTorch, engines);
    }

    /// <summary>The arguments that run one workload at one thread count in a child process, with these options otherwise.</summary>
    public IEnumerable<string> ChildArguments(string id, int threads)
    {
        yield return id;
        yield return "--dtype"; yield return DType;
        yield return "--threads"; yield return threads.ToString(CultureInfo.InvariantCulture);
        yield return "--runs"; yield return Runs.ToString(CultureInfo.InvariantCulture);
        if (EngineOnly) yield return "--engine-only";
        if (GcBudgetMb is { } mb) { yield return "--gc-budget-mb"; yield return mb.ToString(CultureInfo.InvariantCulture); }
        if (Engines is not null) { yield return "--engines"; yield return string.Join(',', Engines); }
        yield return "--no-libtorch";
    }

    /// <summary>Whether a line of <paramref name="engine"/> is wanted (--engine-only leaves out the hand-written loops).</summary>
    public bool Wants(string engine) => (Engines is null || Engines.Contains(engine)) && !(EngineOnly && engine == "hand");

    /// <summary>Whether any libtorch line is wanted.</summary>
    public bool WantsLibTorch => Engines is null || Engines.Any(e => e.StartsWith("libtorch", StringComparison.Ordinal));

    /// <summary>The data type a workload runs in: W5 is float64 by definition, W4 and W6 take --dtype, the rest are float32.</summary>
    public string DTypeOf(string id) => id is "W4" or "W6" ? DType : id == "W5" ? "float64" : "float32";

    private static BenchOptions? Fail(out string? error, string message)
    {
        error = message;
        return null;
    }
}
