using NeuroScope.Bench;

namespace NeuroScope.Bench.Tests;

public class WorkloadTests
{
    [Fact]
    public void DynamicAndCompiledRunsOfOneSetUpAgreeAndRepeatFromTheStart()
    {
        var dynamic = EngineWorkloads.CopyMse(Execution.Dynamic);
        var compiled = EngineWorkloads.CopyMse(Execution.Compiled);

        var first = dynamic();
        Checks.Copy(first);
        Assert.Equal(first, compiled());
        // A second run starts again from w = 0.5, b = 0, so it lands on the same numbers.
        Assert.Equal(first, dynamic());
        Assert.Equal(first, compiled());
    }

    [Fact]
    public void TheDoseWorkloadLandsOnItsCheckValueEitherWay()
    {
        var dynamic = EngineWorkloads.Dose(Execution.Dynamic)();
        Checks.Dose(dynamic);
        Assert.Equal(dynamic, EngineWorkloads.Dose(Execution.Compiled)());
        Assert.Equal(dynamic["bias"], HandWritten.Dose()["bias"]);
    }

    [Fact]
    public void AWrongCheckValueFails()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Checks.Dose(new() { ["bias"] = -15.0 }));
        Assert.Contains("bias is -15", error.Message);
    }
}
