namespace NeuroScope.Experiments.Copy;

/// <summary>The copy experiment's outcome: one result per way that ran, and the sweep when asked for.</summary>
/// <param name="Config">The validated settings.</param>
/// <param name="Mse">The MSE way, or null when not run.</param>
/// <param name="Reward">The reward way, or null when not run.</param>
/// <param name="Pure">The framework-free way, or null when not run.</param>
/// <param name="Sweep">The MSE way at each (epochs, learning rate) of the sweep; empty without one.</param>
public sealed record CopyResult(CopyConfig Config, CopyWayResult? Mse, CopyWayResult? Reward, CopyWayResult? Pure,
    IReadOnlyList<CopyWayResult> Sweep)
{
    /// <summary>The ways that ran, in the order mse, reward, pure.</summary>
    public IReadOnlyList<CopyWayResult> Ways
    {
        get
        {
            var ways = new List<CopyWayResult>(3);
            if (Mse is not null) ways.Add(Mse);
            if (Reward is not null) ways.Add(Reward);
            if (Pure is not null) ways.Add(Pure);
            return ways;
        }
    }

    /// <summary>The first failure of any way or sweep entry, or null when all finished.</summary>
    public string? Failure
    {
        get
        {
            foreach (var way in Ways)
                if (way.Failure is not null)
                    return way.Failure;
            foreach (var entry in Sweep)
                if (entry.Failure is not null)
                    return entry.Failure;
            return null;
        }
    }
}
