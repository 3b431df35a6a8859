using NeuroScope.Bench;

namespace NeuroScope.Bench.Tests;

public class BenchOptionsTests
{
    [Fact]
    public void AllWithTwoThreadCountsRunsEveryWorkloadAtEach()
    {
        var options = BenchOptions.Parse(["all", "--threads", "1,2", "--dtype", "float64", "--libtorch"], out var error);

        Assert.Null(error);
        Assert.Equal(["W1", "W2", "W3", "W4", "W5", "W6"], options!.Workloads);
        Assert.Equal([1, 2], options.Threads);
        Assert.Equal("float64", options.DType);
        Assert.Equal(LibTorchSide.Required, options.LibTorch);
        Assert.Equal("float64", options.DTypeOf("W6"));
        Assert.Equal("float64", options.DTypeOf("W5"));
        Assert.Equal("float32", options.DTypeOf("W1"));
    }

    [Fact]
    public void DefaultsAreOneThreadFiveRunsFloat32AndLibTorchWhenBuilt()
    {
        var options = BenchOptions.Parse(["w4"], out _)!;

        Assert.Equal(["W4"], options.Workloads);
        Assert.Equal([1], options.Threads);
        Assert.Equal(5, options.Runs);
        Assert.Equal("float32", options.DType);
        Assert.Equal(LibTorchSide.Auto, options.LibTorch);
    }

    [Fact]
    public void AChildRunsOneThreadCountAndNoLibTorchOfItsOwn()
    {
        var options = BenchOptions.Parse(["all", "--threads", "1,2", "--runs", "7", "--engine-only", "--gc-budget-mb", "0"], out _)!;

        Assert.Equal(["W6", "--dtype", "float32", "--threads", "2", "--runs", "7", "--engine-only", "--gc-budget-mb", "0", "--no-libtorch"],
            options.ChildArguments("W6", 2));
    }

    [Fact]
    public void EnginesPicksLinesAndReachesTheChildren()
    {
        var options = BenchOptions.Parse(["W6", "--engines", "neuroscope-compiled,libtorch"], out _)!;

        Assert.True(options.Wants("libtorch"));
        Assert.False(options.Wants("neuroscope"));
        Assert.True(options.WantsLibTorch);
        Assert.Equal(["--engines", "neuroscope-compiled,libtorch", "--no-libtorch"], options.ChildArguments("W6", 1).TakeLast(3));
        Assert.False(BenchOptions.Parse(["W6", "--engines", "neuroscope"], out _)!.WantsLibTorch);
        Assert.False(BenchOptions.Parse(["W6", "--engine-only"], out _)!.Wants("hand"));
    }

    [Theory]
    [InlineData(new[] { "W1", "--engines", "neuroscope,torch" }, "--engines", "'torch'")]
    [InlineData(new[] { "W1", "--threads", "0" }, "--threads", "'0'")]
    [InlineData(new[] { "W1", "--threads", "1,two" }, "--threads", "'1,two'")]
    [InlineData(new[] { "W1", "--runs", "3" }, "--runs", "'3'")]
    [InlineData(new[] { "W1", "--dtype", "float16" }, "--dtype", "'float16'")]
    [InlineData(new[] { "W1", "--gc-budget-mb", "-1" }, "--gc-budget-mb", "'-1'")]
    [InlineData(new[] { "W7" }, "unknown argument", "'W7'")]
    [InlineData(new[] { "--threads", "2" }, "name a workload", "W1..W6")]
    [InlineData(new[] { "W1", "--runs" }, "--runs", "''")]
    public void BadInputNamesTheOptionAndTheValue(string[] args, string option, string value)
    {
        Assert.Null(BenchOptions.Parse(args, out var error));
        Assert.Contains(option, error);
        Assert.Contains(value, error);
    }
}
