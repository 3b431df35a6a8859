using System.Globalization;
using System.Text;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// The current syntax and its registry: every kind of input current with its parameters, their ranges and how it is
/// built. A current is written as a sum of terms, each a plain number (a constant in mV) or a call with named
/// arguments: <c>20</c>, <c>pulse(start=20,stop=80,amplitude=25)</c>, <c>20 + sine(amplitude=5,period=25)</c>,
/// <c>noise(mean=18,std=3,seed=1)</c>, <c>csv(file=stimulus.csv)</c>. It is data, not code: nothing is evaluated
/// beyond reading numbers (invariant culture) and adding the terms.
/// </summary>
public static class Currents
{
    /// <summary>Every kind, in the order the help lists them. A new kind is one entry here.</summary>
    public static IReadOnlyList<CurrentKind> Kinds { get; } =
    [
        new("constant", "I(t) = amplitude; a plain number is the same.",
            [CurrentParameter.Millivolts("amplitude", "the current")],
            a => new ConstantCurrent(a["amplitude"])),
        new("pulse", "amplitude from start to stop (both included), 0 outside.",
            [CurrentParameter.Milliseconds("start", "onset"), CurrentParameter.Milliseconds("stop", "offset, not before start"),
                CurrentParameter.Millivolts("amplitude", "the current during the pulse")],
            a => new PulseCurrent(a["start"], Stop(a), a["amplitude"])),
        new("step", "baseline before time, amplitude from it on.",
            [CurrentParameter.Milliseconds("time", "when it steps"), CurrentParameter.Millivolts("amplitude", "the current after the step"),
                CurrentParameter.Millivolts("baseline", "the current before the step", 0)],
            a => new StepCurrent(a["time"], a["amplitude"], a["baseline"])),
        new("ramp", "from until start, rising linearly to to at stop, then constant.",
            [CurrentParameter.Milliseconds("start", "when the ramp starts"), CurrentParameter.Milliseconds("stop", "when it ends, not before start"),
                CurrentParameter.Millivolts("from", "the current before"), CurrentParameter.Millivolts("to", "the current after")],
            a => new RampCurrent(a["start"], Stop(a), a["from"], a["to"])),
        new("sine", "offset + amplitude·sin(2π·t/period + phase).",
            [CurrentParameter.Millivolts("amplitude", "peak deviation from the offset"),
                new("period", "one cycle", "ms", 0.001, 1_000_000),
                CurrentParameter.Millivolts("offset", "the mean current", 0),
                new("phase", "the phase at t = 0", "rad", -2 * Math.PI, 2 * Math.PI, 0)],
            a => new SineCurrent(a["amplitude"], 1000.0 / a["period"], a["offset"], a["phase"])),
        new("noise", "seeded Gaussian noise, mean + std·z, a new z every bin ms (the same seed gives the same current).",
            [CurrentParameter.Millivolts("mean", "the mean current"), new("std", "the standard deviation", "mV", 0, 1000),
                new("seed", "the seed", "", 0, int.MaxValue, 0, CurrentParameterType.Integer),
                new("bin", "how long each value is held", "ms", 0.001, 1_000_000, 0.1)],
            a => new NoiseCurrent(a["mean"], a["std"], (int)a["seed"], a["bin"])),
        new("csv", "a measured stimulus replayed from a CSV file of time (ms), current (mV) rows at 0, dt, 2·dt, … up to the duration (a header line is allowed).",
            [new("file", "the CSV file, relative to the working directory; quote it if it holds a comma", "", 0, 0, null, CurrentParameterType.File)],
            a => RecordedCurrent.Read(Path.Combine(a.BaseDirectory, a.Text("file")), a.Grid)),
    ];

    // The library's records call it "end"; the syntax says "stop", so the check is made here in the syntax's words.
    private static double Stop(CurrentArguments a) => a["stop"] >= a["start"] ? a["stop"]
        : throw new FormatException($"stop ({CurrentParameter.Format(a["stop"])} ms) must not be before start ({CurrentParameter.Format(a["start"])} ms)");

    /// <summary>The kind called <paramref name="name"/>, or null.</summary>
    public static CurrentKind? Find(string name)
    {
        foreach (var kind in Kinds)
            if (kind.Name == name)
                return kind;
        return null;
    }

    /// <summary>The syntax and every kind with its parameters and their ranges, one paragraph per kind (for --help and the docs).</summary>
    public static string Help()
    {
        var text = new StringBuilder("A current is a number (constant, mV) or a sum of terms such as 20 + sine(amplitude=5,period=25). Terms:");
        foreach (var kind in Kinds)
            text.Append("\n  ").Append(kind.Help);
        return text.ToString();
    }

    /// <summary>Several recordings' currents written as one text or several, separated by ';' (<c>18; pulse(start=20,stop=180,amplitude=25)</c>), one entry each, trimmed.</summary>
    public static string[] SplitRecordings(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var currents = new List<string>();
        foreach (var text in texts)
            foreach (var part in (text ?? "").Split(';'))
                currents.Add(part.Trim());
        return [.. currents];
    }

    /// <summary>Parses <paramref name="text"/> into a current on <paramref name="grid"/>; file paths are relative to <paramref name="baseDirectory"/> (default: the working directory).</summary>
    /// <exception cref="FormatException">The text is not a current; the message names the term, the parameter and what is allowed.</exception>
    public static InputCurrent Parse(string text, TimeGrid grid, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (string.IsNullOrWhiteSpace(text))
            throw new FormatException("the current is empty; write a number such as 20, or a term such as pulse(start=20,stop=80,amplitude=25)");
        var reader = new Reader(text, grid, baseDirectory ?? Directory.GetCurrentDirectory());
        return reader.ReadSum();
    }

    private sealed class Reader(string text, TimeGrid grid, string baseDirectory)
    {
        private int _position;

        public InputCurrent ReadSum()
        {
            var terms = new List<InputCurrent> { ReadTerm() };
            SkipSpace();
            while (_position < text.Length)
            {
                if (text[_position] != '+')
                    throw Error($"'{text[_position]}' at position {_position + 1} was not expected; terms are joined with +");
                _position++;
                terms.Add(ReadTerm());
                SkipSpace();
            }
            return terms.Count == 1 ? terms[0] : new SumCurrent(terms);
        }

        private InputCurrent ReadTerm()
        {
            SkipSpace();
            if (_position >= text.Length)
                throw Error("a term is missing at the end; write a number or a current such as pulse(start=20,stop=80,amplitude=25)");
            char first = text[_position];
            if (char.IsDigit(first) || first is '-' or '+' or '.')
            {
                double amplitude = ReadNumber("constant", "amplitude");
                var constant = Currents.Find("constant")!;
                return Build(constant, new Dictionary<string, double> { ["amplitude"] = amplitude }, []);
            }
            string name = ReadName();
            var kind = Find(name) ?? throw Error($"'{name}' is not a current; allowed: {string.Join(", ", Kinds.Select(k => k.Name))}, or a number");
            SkipSpace();
            if (_position >= text.Length || text[_position] != '(')
                throw Error($"{name} needs its arguments in parentheses: {kind.Signature}");
            _position++;
            var numbers = new Dictionary<string, double>();
            var texts = new Dictionary<string, string>();
            SkipSpace();
            if (_position < text.Length && text[_position] == ')')
                _position++;
            else
            {
                while (true)
                {
                    SkipSpace();
                    string argument = ReadName();
                    var parameter = kind.Find(argument)
                        ?? throw Error($"{name} has no parameter '{argument}'; its parameters: {string.Join(", ", kind.Parameters.Select(p => p.Name))}");
                    if (numbers.ContainsKey(argument) || texts.ContainsKey(argument))
                        throw Error($"{name}: {argument} is given twice");
                    SkipSpace();
                    if (_position >= text.Length || text[_position] != '=')
                        throw Error($"{name}: write {argument}=value");
                    _position++;
                    SkipSpace();
                    if (parameter.Type == CurrentParameterType.File)
                        texts[argument] = ReadPath(name, argument);
                    else
                    {
                        double value = ReadNumber(name, argument);
                        if (!parameter.Allows(value))
                            throw Error($"{name}: {argument} = {CurrentParameter.Format(value)} is out of range; allowed: {parameter.Range}");
                        numbers[argument] = value;
                    }
                    SkipSpace();
                    if (_position < text.Length && text[_position] == ',')
                    {
                        _position++;
                        continue;
                    }
                    if (_position < text.Length && text[_position] == ')')
                    {
                        _position++;
                        break;
                    }
                    throw Error($"{name}: expected ',' or ')' after {argument}");
                }
            }
            foreach (var parameter in kind.Parameters)
            {
                if (numbers.ContainsKey(parameter.Name) || texts.ContainsKey(parameter.Name))
                    continue;
                if (parameter.Default is not { } fallback)
                    throw Error($"{name}: {parameter.Name} is missing; write {kind.Signature} ({parameter.Name}: {parameter.Description}, {parameter.Allowed})");
                numbers[parameter.Name] = fallback;
            }
            return Build(kind, numbers, texts);
        }

        private InputCurrent Build(CurrentKind kind, Dictionary<string, double> numbers, Dictionary<string, string> texts)
        {
            try
            {
                return kind.Create(new CurrentArguments(numbers, texts, grid, baseDirectory));
            }
            catch (FormatException e)
            {
                throw Error($"{kind.Name}: {e.Message}");
            }
            catch (ArgumentException e)
            {
                // The current's own check (stop before start): its message names the parameter.
                string message = e.Message.Split(" (Parameter", 2)[0];
                int colon = message.IndexOf(": ", StringComparison.Ordinal);
                throw Error($"{kind.Name}: {(colon >= 0 ? message[(colon + 2)..] : message).TrimEnd('.')}");
            }
        }

        private string ReadName()
        {
            int start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
                _position++;
            if (_position == start)
                throw Error(_position < text.Length ? $"'{text[_position]}' at position {_position + 1} was not expected; write a name" : "a name is missing at the end");
            return text[start.._position];
        }

        private double ReadNumber(string current, string parameter)
        {
            int start = _position;
            if (_position < text.Length && text[_position] is '-' or '+')
                _position++;
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
                _position++;
            if (_position < text.Length && text[_position] is 'e' or 'E')
            {
                _position++;
                if (_position < text.Length && text[_position] is '-' or '+')
                    _position++;
                while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                    _position++;
            }
            string token = text[start.._position];
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                int end = _position;
                while (end < text.Length && text[end] is not (',' or ')' or '+') && !char.IsWhiteSpace(text[end]))
                    end++;
                string bad = text[start..end];
                throw Error($"{current}: {parameter} = '{bad}' is not a number; write it like -52.5 (a point, no thousands separators)");
            }
            return value;
        }

        private string ReadPath(string current, string parameter)
        {
            if (_position < text.Length && text[_position] == '"')
            {
                int close = text.IndexOf('"', _position + 1);
                if (close < 0)
                    throw Error($"{current}: the quoted {parameter} is not closed with \"");
                string quoted = text[(_position + 1)..close];
                _position = close + 1;
                return quoted.Length > 0 ? quoted : throw Error($"{current}: {parameter} is empty; give a file path");
            }
            int start = _position;
            while (_position < text.Length && text[_position] is not (',' or ')'))
                _position++;
            string path = text[start.._position].Trim();
            return path.Length > 0 ? path : throw Error($"{current}: {parameter} is empty; give a file path");
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
                _position++;
        }

        private static FormatException Error(string message) => new(message);
    }
}
