using NeuroScope.Bench;

namespace NeuroScope.Bench.Tests;

public class SideBySideTests
{
    [Fact]
    public void RatiosSayHowManyTimesFasterOrSlowerTheCompiledStepIs()
    {
        BenchResult[] results =
        [
            new("W1", "neuroscope", 1, 6.0, 3.0, true),
            new("W1", "neuroscope-compiled", 1, 0.1, 0.05, true),
            new("W1", "hand", 1, 0.025, 0.0125, true),
            new("W1", "libtorch", 1, 45.6, 22.8, true),
        ];

        var table = SideBySide.Summary(results).ToList();

        var row = Assert.Single(table, l => l.StartsWith("| W1 ", StringComparison.Ordinal));
        Assert.Equal("| W1 | 1 | 6.00 (3.00) | 0.1 (0.05) | 0.025 (0.0125) | 45.6 (22.8) | 60.0× faster (cpu 60.0×) | 4.00× slower (cpu 4.00×) | 456× faster (cpu 456×) |", row);
    }

    [Fact]
    public void MoreThreadsAreComparedWithTheFewestAndLeaveProcessorTimeOut()
    {
        BenchResult[] results =
        [
            new("W6", "neuroscope-compiled", 1, 40_000, 39_000, true),
            new("W6", "libtorch", 1, 50_000, 49_000, true),
            new("W6", "neuroscope-compiled", 2, 25_000, 48_000, true),
            new("W6", "libtorch", 2, 30_000, 58_000, true),
        ];

        var table = SideBySide.Summary(results).ToList();

        Assert.Contains("| W6 | 2 | — | 25,000 (48,000) | — | 30,000 (58,000) | — | — | 1.20× faster |", table);
        Assert.Contains("| W6 | neuroscope-compiled | 2 vs 1 | 25,000 vs 40,000 | 1.60× |", table);
        Assert.Contains("| W6 | libtorch | 2 vs 1 | 30,000 vs 50,000 | 1.67× |", table);
    }

    [Fact]
    public void AProcessorTimeRatioThatDisagreesWithTheWallClockSaysItsDirection()
    {
        var compiled = new BenchResult("W3", "neuroscope-compiled", 1, 0.2, 0.1, true);

        Assert.Equal("2.00× slower (cpu 1.25× faster)", SideBySide.Ratio(compiled, new BenchResult("W3", "hand", 1, 0.1, 0.125, true)));
    }

    [Fact]
    public void AFailedCheckIsNamedUnderTheTable()
    {
        BenchResult[] results = [new("W2", "neuroscope", 1, 2, 1, true), new("W2", "libtorch", 1, 30, 15, false)];

        Assert.Contains("check FAILED: W2 libtorch (1 threads)", SideBySide.Summary(results));
    }

    [Fact]
    public void ASingleLineHasNothingToSetBesideIt()
    {
        Assert.Empty(SideBySide.Summary([new BenchResult("W4", "neuroscope", 1, 1000, 500, true)]));
    }

    [Fact]
    public void ASuiteLineIsReadBackAndOtherLinesAreNot()
    {
        const string line = """{"workload":"W4","name":"fit-1d","engine":"libtorch","dtype":"float32","threads":2,"per_step_us":1444.5,"cpu_per_step_us":2800.25,"check":"ok"}""";

        Assert.Equal(new BenchResult("W4", "libtorch", 2, 1444.5, 2800.25, true), BenchResult.FromJsonLine(line));
        Assert.Null(BenchResult.FromJsonLine("(the libtorch side is not built)"));
        Assert.Null(BenchResult.FromJsonLine("{\"workload\":\"W4\"}"));
    }

    [Fact]
    public void TheLibTorchSideIsFoundBesideThisBuildOnlyWhenItIsBuilt()
    {
        string root = Directory.CreateTempSubdirectory("bench-side").FullName;
        try
        {
            string own = Path.Combine(root, "bench", "NeuroScope.Bench", "bin", "Release", "net10.0");
            string torch = Path.Combine(root, "bench", "NeuroScope.Bench.Torch", "bin", "Release", "net10.0");
            Directory.CreateDirectory(own);
            Directory.CreateDirectory(torch);
            Assert.Null(SideBySide.FindLibTorchSide(own + Path.DirectorySeparatorChar));

            File.WriteAllText(Path.Combine(torch, "NeuroScope.Bench.Torch.dll"), "");
            var command = SideBySide.FindLibTorchSide(own + Path.DirectorySeparatorChar);
            Assert.NotNull(command);
            Assert.Equal("dotnet", command.FileName);
            Assert.Equal([Path.Combine(torch, "NeuroScope.Bench.Torch.dll")], command.Prefix);

            Assert.Null(SideBySide.FindLibTorchSide(Path.Combine(root, "elsewhere")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData(57_546.0, "57,546")]
    [InlineData(45.62, "45.6")]
    [InlineData(2.654, "2.65")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.0091, "0.0091")]
    public void FiguresKeepThreeSignificantDigits(double value, string text) => Assert.Equal(text, SideBySide.Figure(value));
}
