using NeuroScope.Optim;

namespace NeuroScope.Tests.Optim;

public class OptimizersTests
{
    public static TheoryData<string, OptimizerKind> Named => new()
    {
        { "gd", OptimizerKind.GradientDescent }, { "momentum", OptimizerKind.Momentum }, { "ADAM", OptimizerKind.Adam },
    };

    [Theory]
    [MemberData(nameof(Named))]
    public void Parse_Name_GivesTheKindAndRoundTrips(string name, OptimizerKind kind)
    {
        var parsed = Optimizers.Parse(name);

        Assert.Equal(kind, parsed);
        Assert.Equal(name.ToLowerInvariant(), Optimizers.NameOf(parsed));
    }

    [Fact]
    public void Parse_UnknownName_ListsKnownNames()
    {
        var error = Assert.Throws<ArgumentException>(() => Optimizers.Parse("sgd"));

        Assert.Contains("'sgd'", error.Message);
        Assert.Contains("gd, momentum, adam", error.Message);
    }

    [Fact]
    public void Create_EachKind_StepsAsItsOwnConstructor()
    {
        var settings = new OptimizerSettings(0.1) { Momentum = 0.8, Beta1 = 0.7, Beta2 = 0.95 };
        Func<Tensor<double>, Optimizer<double>>[] direct =
        [
            p => new GradientDescent<double>([p], 0.1),
            p => new Sgd<double>([p], 0.1, 0.8),
            p => new Adam<double>([p], 0.1, 0.7, 0.95),
        ];

        foreach (var kind in Enum.GetValues<OptimizerKind>())
        {
            var fromFactory = QuadraticProblem.Run<double>(p => Optimizers.Create(kind, [p], settings), 3);
            var expected = QuadraticProblem.Run(direct[(int)kind], 3);

            Assert.Equal(expected, fromFactory);
        }
    }
}
