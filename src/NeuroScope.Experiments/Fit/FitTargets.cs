namespace NeuroScope.Experiments.Fit;

/// <summary>
/// The registry of named targets with their parameters and defaults: sin, cos, sinc (sin x / x), poly
/// (a·x³ + b·x² + c·x + d), square and sawtooth (period, phase), rbf (Σ hₖ·exp(−(x − cₖ)²/(2wₖ²)) over bumps
/// k = 1…9 given as ck, wk, hk), and in 2-D sin_cos2d (sin x + a·cos y) and rbf2d (exp(−((x − cx)² + (y − cy)²)/(2w²))).
/// </summary>
public static class FitTargets
{
    private sealed record Entry(int Dimension, IReadOnlyDictionary<string, double> Defaults,
        Func<IReadOnlyDictionary<string, double>, Func<double, double, double>> Build, string Formula);

    private static readonly Dictionary<string, Entry> Registry = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sin"] = new(1, Empty(), _ => (x, _) => Math.Sin(x), "sin(x)"),
        ["cos"] = new(1, Empty(), _ => (x, _) => Math.Cos(x), "cos(x)"),
        ["sinc"] = new(1, Empty(), _ => (x, _) => Expression.Sinc(x), "sin(x)/x"),
        ["poly"] = new(1, new Dictionary<string, double> { ["a"] = 0.01, ["b"] = 0.0, ["c"] = -0.3, ["d"] = 0.0 },
            p => { double a = p["a"], b = p["b"], c = p["c"], d = p["d"]; return (x, _) => ((a * x + b) * x + c) * x + d; },
            "a*x^3 + b*x^2 + c*x + d"),
        ["square"] = new(1, new Dictionary<string, double> { ["period"] = 2 * Math.PI, ["phase"] = 0.0 },
            p => { double period = p["period"], phase = p["phase"]; return (x, _) => Frac((x - phase) / period) < 0.5 ? 1.0 : -1.0; },
            "+1 on the first half of each period, -1 on the second"),
        ["sawtooth"] = new(1, new Dictionary<string, double> { ["period"] = 2 * Math.PI, ["phase"] = 0.0 },
            p => { double period = p["period"], phase = p["phase"]; return (x, _) => 2 * Frac((x - phase) / period) - 1; },
            "2*frac((x - phase)/period) - 1"),
        ["rbf"] = new(1, new Dictionary<string, double>
            {
                ["c1"] = -3.0, ["w1"] = 0.8, ["h1"] = 1.0,
                ["c2"] = 0.0, ["w2"] = 1.2, ["h2"] = -0.7,
                ["c3"] = 2.5, ["w3"] = 0.6, ["h3"] = 0.9,
            },
            BuildRbf, "sum over k of hk*exp(-(x - ck)^2/(2*wk^2))"),
        ["sin_cos2d"] = new(2, new Dictionary<string, double> { ["a"] = 0.5 },
            p => { double a = p["a"]; return (x, y) => Math.Sin(x) + a * Math.Cos(y); }, "sin(x) + a*cos(y)"),
        ["rbf2d"] = new(2, new Dictionary<string, double> { ["cx"] = 0.0, ["cy"] = 0.0, ["w"] = 1.5 },
            p => { double cx = p["cx"], cy = p["cy"], w = p["w"]; return (x, y) => Math.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * w * w)); },
            "exp(-((x - cx)^2 + (y - cy)^2)/(2*w^2))"),
    };

    /// <summary>The registered names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Registry.Keys];

    /// <summary>Whether <paramref name="name"/> is registered (case-insensitive).</summary>
    public static bool Contains(string? name) => name is not null && Registry.ContainsKey(name);

    /// <summary>The number of inputs of the named target (1 or 2).</summary>
    public static int InputDimension(string name) => Find(name, "target").Dimension;

    /// <summary>The formula of the named target, for help texts.</summary>
    public static string Formula(string name) => Find(name, "target").Formula;

    /// <summary>The parameters of the named target with their default values.</summary>
    public static IReadOnlyDictionary<string, double> Defaults(string name) => Find(name, "target").Defaults;

    /// <summary>
    /// The named target with <paramref name="parameters"/> overriding its defaults; unknown names and parameters
    /// throw a <see cref="ConfigException"/> for <paramref name="field"/> that lists what is allowed.
    /// </summary>
    public static FitTarget Create(string name, IReadOnlyDictionary<string, double>? parameters = null, string field = "target")
    {
        var entry = Find(name, field);
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in entry.Defaults)
            values[key] = value;
        if (parameters is not null)
        {
            foreach (var (key, value) in parameters)
            {
                if (!entry.Defaults.ContainsKey(key) && !(IsRbf(name) && IsBumpKey(key)))
                    throw new ConfigException($"{field}Parameters", key,
                        entry.Defaults.Count == 0 ? $"'{name}' takes no parameters" : $"'{name}' takes {string.Join(", ", entry.Defaults.Keys)}");
                if (!double.IsFinite(value))
                    throw new ConfigException($"{field}Parameters", value, $"parameter '{key}' must be a finite number");
                values[key] = value;
            }
        }
        foreach (string key in (string[])["period", "w"])
            if (values.TryGetValue(key, out double positive) && !(positive > 0))
                throw new ConfigException($"{field}Parameters", positive, $"parameter '{key}' of '{name}' must be positive");
        if (IsRbf(name))
            foreach (var (key, value) in values)
                if (key[0] == 'w' && !(value > 0))
                    throw new ConfigException($"{field}Parameters", value, $"width '{key}' of 'rbf' must be positive");
        string canonical = Names.First(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return new FitTarget(canonical, entry.Dimension, entry.Build(values), new Dictionary<string, double>(values));
    }

    private static Entry Find(string name, string field)
    {
        if (name is not null && Registry.TryGetValue(name, out var entry))
            return entry;
        throw new ConfigException(field, name, $"known functions: {string.Join(", ", Registry.Keys)} (or give a formula with expression)");
    }

    private static Func<double, double, double> BuildRbf(IReadOnlyDictionary<string, double> p)
    {
        var bumps = new List<(double Center, double Width, double Height)>();
        for (int k = 1; k <= 9; k++)
        {
            string s = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (p.TryGetValue("c" + s, out double c))
                bumps.Add((c, p.TryGetValue("w" + s, out double w) ? w : 1.0, p.TryGetValue("h" + s, out double h) ? h : 1.0));
        }
        var array = bumps.ToArray();
        return (x, _) =>
        {
            double sum = 0;
            foreach (var (center, width, height) in array)
                sum += height * Math.Exp(-(x - center) * (x - center) / (2 * width * width));
            return sum;
        };
    }

    private static bool IsRbf(string name) => string.Equals(name, "rbf", StringComparison.OrdinalIgnoreCase);

    private static bool IsBumpKey(string key) => key.Length == 2 && key[0] is 'c' or 'w' or 'h' && key[1] is >= '1' and <= '9';

    private static double Frac(double value) => value - Math.Floor(value);

    private static Dictionary<string, double> Empty() => new();
}
