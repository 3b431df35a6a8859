using System.Globalization;

namespace NeuroScope.Experiments.Fit;

/// <summary>
/// A formula in x (and y) parsed by a small, safe recursive-descent parser: numbers, the variables x and y, the
/// constants pi and e, + − * / ^ (right-associative, binding tighter than unary minus, so −x^2 = −(x²)), parentheses,
/// and the functions of <see cref="Functions"/>. Nothing is executed but those; every operation evaluates exactly as
/// the corresponding <see cref="Math"/> call, so a formula gives bit-for-bit the value of the same C# expression.
/// </summary>
public sealed class Expression
{
    private readonly Func<double, double, double> _evaluate;

    private Expression(string text, Func<double, double, double> evaluate, bool usesY)
    {
        Text = text;
        _evaluate = evaluate;
        UsesY = usesY;
    }

    /// <summary>The functions a formula may call: one argument unless listed in <see cref="BinaryFunctions"/>.</summary>
    public static IReadOnlyList<string> Functions { get; } =
    [
        "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "log10", "log2",
        "sqrt", "cbrt", "abs", "sign", "floor", "ceil", "round", "sinc", "min", "max", "pow", "atan2",
    ];

    /// <summary>The longest formula accepted, in characters: a formula is evaluated by nested calls, so its size is bounded.</summary>
    public const int MaxLength = 2000;

    /// <summary>The deepest nesting accepted (parentheses, function calls, signs and powers inside one another).</summary>
    public const int MaxDepth = 100;

    /// <summary>The two-argument functions: min, max, pow, atan2.</summary>
    public static IReadOnlyList<string> BinaryFunctions { get; } = ["min", "max", "pow", "atan2"];

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>Whether the formula mentions y (so it needs a 2-D input).</summary>
    public bool UsesY { get; }

    /// <summary>The formula's value at (x, y).</summary>
    public double Evaluate(double x, double y = 0) => _evaluate(x, y);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="ExpressionException"/> pointing at the first problem.</summary>
    public static Expression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw new ExpressionException(MessageText.Shorten(text), MaxLength + 1, $"the formula is {text.Length} characters long; at most {MaxLength} are allowed");
        var parser = new Parser(text);
        var evaluate = parser.ParseAll();
        return new Expression(text, evaluate, parser.UsesY);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false and the error instead of throwing.</summary>
    public static bool TryParse(string text, out Expression? expression, out ExpressionException? error)
    {
        try
        {
            expression = Parse(text);
            error = null;
            return true;
        }
        catch (ExpressionException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    // Grammar:  sum := product (('+'|'-') product)*;  product := unary (('*'|'/') unary)*;
    //           unary := ('-'|'+') unary | power;  power := atom ('^' unary)?;
    //           atom := number | name | name '(' sum (',' sum)? ')' | '(' sum ')'.
    // The exponent is a unary so that 2^-1 parses; unary minus sits above power so that -x^2 = -(x^2).
    private sealed class Parser(string text)
    {
        private int _position;
        private int _depth;

        public bool UsesY { get; private set; }

        public Func<double, double, double> ParseAll()
        {
            SkipSpaces();
            if (_position >= text.Length)
                throw Error(_position, "the formula is empty");
            var result = ParseSum();
            SkipSpaces();
            if (_position < text.Length)
                throw Error(_position, text[_position] == ')' ? "unmatched ')'" : $"unexpected '{text[_position]}' (an operator is missing?)");
            return result;
        }

        // Every level of nesting passes through a sum or a unary; counting them bounds the recursion.
        private void Enter()
        {
            if (++_depth > MaxDepth)
                throw Error(_position, $"the formula is nested more than {MaxDepth} levels deep");
        }

        private Func<double, double, double> ParseSum()
        {
            Enter();
            var left = ParseProduct();
            while (true)
            {
                SkipSpaces();
                if (Accept('+'))
                {
                    var (a, b) = (left, ParseProduct());
                    left = (x, y) => a(x, y) + b(x, y);
                }
                else if (Accept('-'))
                {
                    var (a, b) = (left, ParseProduct());
                    left = (x, y) => a(x, y) - b(x, y);
                }
                else
                {
                    _depth--;
                    return left;
                }
            }
        }

        private Func<double, double, double> ParseProduct()
        {
            var left = ParseUnary();
            while (true)
            {
                SkipSpaces();
                if (Accept('*'))
                {
                    var (a, b) = (left, ParseUnary());
                    left = (x, y) => a(x, y) * b(x, y);
                }
                else if (Accept('/'))
                {
                    var (a, b) = (left, ParseUnary());
                    left = (x, y) => a(x, y) / b(x, y);
                }
                else
                    return left;
            }
        }

        private Func<double, double, double> ParseUnary()
        {
            Enter();
            SkipSpaces();
            Func<double, double, double> result;
            if (Accept('-'))
            {
                var operand = ParseUnary();
                result = (x, y) => -operand(x, y);
            }
            else if (Accept('+'))
                result = ParseUnary();
            else
                result = ParsePower();
            _depth--;
            return result;
        }

        private Func<double, double, double> ParsePower()
        {
            var baseValue = ParseAtom();
            SkipSpaces();
            if (!Accept('^'))
                return baseValue;
            var exponent = ParseUnary();
            return (x, y) => Math.Pow(baseValue(x, y), exponent(x, y));
        }

        private Func<double, double, double> ParseAtom()
        {
            SkipSpaces();
            if (_position >= text.Length)
                throw Error(_position, "the formula ends where a number, variable or '(' is expected");
            char c = text[_position];
            if (char.IsAsciiDigit(c) || c == '.')
                return ParseNumber();
            if (char.IsAsciiLetter(c) || c == '_')
                return ParseName();
            if (Accept('('))
            {
                int open = _position - 1;
                var inner = ParseSum();
                SkipSpaces();
                if (!Accept(')'))
                    throw Error(_position, $"missing ')' for the '(' at position {open + 1}");
                return inner;
            }
            throw Error(_position, c == ')' ? "unexpected ')' (an operand is missing?)" : $"unexpected '{c}' where a number, variable or '(' is expected");
        }

        private Func<double, double, double> ParseNumber()
        {
            int start = _position;
            while (_position < text.Length && (char.IsAsciiDigit(text[_position]) || text[_position] == '.'))
                _position++;
            if (_position < text.Length && text[_position] is 'e' or 'E')
            {
                // An exponent only when digits follow ("2e-3"); "2e" alone would be 2 times the constant e, which needs '*'.
                int mark = _position + 1;
                if (mark < text.Length && text[mark] is '+' or '-')
                    mark++;
                if (mark < text.Length && char.IsAsciiDigit(text[mark]))
                {
                    _position = mark;
                    while (_position < text.Length && char.IsAsciiDigit(text[_position]))
                        _position++;
                }
            }
            string literal = text[start.._position];
            if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value))
                throw Error(start, $"'{literal}' is not a number");
            return (_, _) => value;
        }

        private Func<double, double, double> ParseName()
        {
            int start = _position;
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] == '_'))
                _position++;
            string name = text[start.._position].ToLowerInvariant();
            SkipSpaces();
            bool call = _position < text.Length && text[_position] == '(';
            if (!call)
            {
                switch (name)
                {
                    case "x":
                        return (x, _) => x;
                    case "y":
                        UsesY = true;
                        return (_, y) => y;
                    case "pi":
                        return (_, _) => Math.PI;
                    case "e":
                        return (_, _) => Math.E;
                }
                if (Functions.Contains(name))
                    throw Error(_position, $"'{name}' is a function and needs '(' after it");
                throw Error(start, $"unknown name '{text[start..(start + name.Length)]}'; allowed: x, y, pi, e and the functions {string.Join(", ", Functions)}");
            }
            if (!Functions.Contains(name))
                throw Error(start, $"unknown function '{text[start..(start + name.Length)]}'; allowed: {string.Join(", ", Functions)}");
            _position++;
            var first = ParseSum();
            SkipSpaces();
            bool binary = BinaryFunctions.Contains(name);
            Func<double, double, double>? second = null;
            if (binary)
            {
                if (!Accept(','))
                    throw Error(_position, $"'{name}' takes two arguments separated by ','");
                second = ParseSum();
                SkipSpaces();
            }
            else if (_position < text.Length && text[_position] == ',')
                throw Error(_position, $"'{name}' takes one argument");
            if (!Accept(')'))
                throw Error(_position, $"missing ')' to close '{name}('");
            var f = first;
            var g = second!;
            return name switch
            {
                "sin" => (x, y) => Math.Sin(f(x, y)),
                "cos" => (x, y) => Math.Cos(f(x, y)),
                "tan" => (x, y) => Math.Tan(f(x, y)),
                "asin" => (x, y) => Math.Asin(f(x, y)),
                "acos" => (x, y) => Math.Acos(f(x, y)),
                "atan" => (x, y) => Math.Atan(f(x, y)),
                "sinh" => (x, y) => Math.Sinh(f(x, y)),
                "cosh" => (x, y) => Math.Cosh(f(x, y)),
                "tanh" => (x, y) => Math.Tanh(f(x, y)),
                "exp" => (x, y) => Math.Exp(f(x, y)),
                "log" => (x, y) => Math.Log(f(x, y)),
                "log10" => (x, y) => Math.Log10(f(x, y)),
                "log2" => (x, y) => Math.Log2(f(x, y)),
                "sqrt" => (x, y) => Math.Sqrt(f(x, y)),
                "cbrt" => (x, y) => Math.Cbrt(f(x, y)),
                "abs" => (x, y) => Math.Abs(f(x, y)),
                "sign" => (x, y) => Math.Sign(f(x, y)),
                "floor" => (x, y) => Math.Floor(f(x, y)),
                "ceil" => (x, y) => Math.Ceiling(f(x, y)),
                "round" => (x, y) => Math.Round(f(x, y)),
                "sinc" => (x, y) => Sinc(f(x, y)),
                "min" => (x, y) => Math.Min(f(x, y), g(x, y)),
                "max" => (x, y) => Math.Max(f(x, y), g(x, y)),
                "pow" => (x, y) => Math.Pow(f(x, y), g(x, y)),
                "atan2" => (x, y) => Math.Atan2(f(x, y), g(x, y)),
                _ => throw Error(start, $"unknown function '{name}'"),
            };
        }

        private bool Accept(char c)
        {
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }
            return false;
        }

        private void SkipSpaces()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
                _position++;
        }

        private ExpressionException Error(int index, string problem) => new(text, index + 1, problem);
    }

    /// <summary>sin(x)/x, with its limit 1 at x = 0.</summary>
    internal static double Sinc(double x) => x == 0 ? 1.0 : Math.Sin(x) / x;
}
