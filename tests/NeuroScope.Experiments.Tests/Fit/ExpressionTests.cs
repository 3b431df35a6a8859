using NeuroScope.Experiments.Fit;

namespace NeuroScope.Experiments.Tests.Fit;

public class ExpressionTests
{
    public static TheoryData<string, Func<double, double, double>> Table => new()
    {
        { "sin(3*x)*exp(-x^2/4)", (x, y) => Math.Sin(3 * x) * Math.Exp(-Math.Pow(x, 2) / 4) },
        { "sin(x)*cos(y)", (x, y) => Math.Sin(x) * Math.Cos(y) },
        { "-pi^2*sin(pi*x)", (x, y) => -Math.Pow(Math.PI, 2) * Math.Sin(Math.PI * x) },
        { "1 - 2 - 3", (x, y) => 1.0 - 2 - 3 },
        { "2^3^2", (x, y) => Math.Pow(2, Math.Pow(3, 2)) },
        { "-x^2", (x, y) => -Math.Pow(x, 2) },
        { "2^-1", (x, y) => Math.Pow(2, -1) },
        { "x/y/2", (x, y) => x / y / 2 },
        { "(x + 1)*(y - 1.5e-1)", (x, y) => (x + 1) * (y - 1.5e-1) },
        { "sqrt(abs(x)) + log(1 + x^2) + tanh(y)", (x, y) => Math.Sqrt(Math.Abs(x)) + Math.Log(1 + Math.Pow(x, 2)) + Math.Tanh(y) },
        { "tan(x/4) + atan(y) + sinh(x/3) - cosh(y/3)", (x, y) => Math.Tan(x / 4) + Math.Atan(y) + Math.Sinh(x / 3) - Math.Cosh(y / 3) },
        { "max(x, y) * min(x, 2) + pow(2, x) + atan2(y, x)", (x, y) => Math.Max(x, y) * Math.Min(x, 2) + Math.Pow(2, x) + Math.Atan2(y, x) },
        { "e^x - exp(x) + floor(x) + ceil(y) + sign(x - y)", (x, y) => Math.Pow(Math.E, x) - Math.Exp(x) + Math.Floor(x) + Math.Ceiling(y) + Math.Sign(x - y) },
        { "log10(abs(x)+1) * log2(abs(y)+1) + cbrt(x)", (x, y) => Math.Log10(Math.Abs(x) + 1) * Math.Log2(Math.Abs(y) + 1) + Math.Cbrt(x) },
        { " 3 * ( x ) ", (x, y) => 3 * x },
        { ".5*X", (x, y) => .5 * x },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Evaluate_MatchesCSharpMathBitForBit(string text, Func<double, double, double> expected)
    {
        var expression = Expression.Parse(text);

        foreach (double x in (double[])[-3.7, -0.5, 0.25, 1.0, 2.9])
            foreach (double y in (double[])[-1.3, 0.7, 2.2])
                Assert.Equal(expected(x, y), expression.Evaluate(x, y));
    }

    [Fact]
    public void Sinc_AtZero_IsItsLimitOne()
    {
        var expression = Expression.Parse("sinc(x)");

        Assert.Equal(1.0, expression.Evaluate(0));
        Assert.Equal(Math.Sin(0.3) / 0.3, expression.Evaluate(0.3));
    }

    [Fact]
    public void UsesY_IsTrueOnlyWhenYAppears()
    {
        Assert.True(Expression.Parse("sin(x)*cos(y)").UsesY);
        Assert.False(Expression.Parse("sin(x)").UsesY);
    }

    [Theory]
    [InlineData("sin(x", 6, "missing ')'")]
    [InlineData("2*", 3, "ends")]
    [InlineData("foo(x)", 1, "unknown function 'foo'")]
    [InlineData("x + z", 5, "unknown name 'z'")]
    [InlineData("2 x", 3, "operator is missing")]
    [InlineData("x)", 2, "unmatched ')'")]
    [InlineData("", 1, "empty")]
    [InlineData("sin", 4, "needs '('")]
    [InlineData("pow(x)", 6, "two arguments")]
    [InlineData("sin(x, y)", 6, "one argument")]
    [InlineData("1..2", 1, "not a number")]
    [InlineData("x $ 2", 3, "unexpected '$'")]
    [InlineData("System.IO.File.Delete(x)", 1, "unknown")]
    public void Parse_BadFormula_ReportsThePosition(string text, int position, string problem)
    {
        var error = Assert.Throws<ExpressionException>(() => Expression.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message);
        Assert.Contains($"position {position}", error.Message);
    }
}
