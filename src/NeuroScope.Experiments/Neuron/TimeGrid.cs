namespace NeuroScope.Experiments.Neuron;

/// <summary>The simulation times 0, dt, 2·dt, …, t_total (ms): <see cref="Steps"/> Euler steps and <see cref="Points"/> = Steps + 1 samples.</summary>
/// <remarks>When t_total is not a whole number of steps the grid ends at the last point before it, and <see cref="Warnings"/> says so.</remarks>
public sealed record TimeGrid
{
    /// <summary>The most steps a grid may have, so a typo in dt cannot exhaust memory.</summary>
    public const int MaxSteps = 50_000_000;

    /// <summary>dt below this (ms) is legal but wasteful: a warning is given.</summary>
    public const double SmallDtWarning = 0.01;

    /// <summary>dt above this (ms) is legal but makes forward Euler inaccurate: a warning is given.</summary>
    public const double LargeDtWarning = 1.0;

    /// <summary>Creates and validates a grid: dt &gt; 0, t_total &gt; 0, dt ≤ t_total.</summary>
    /// <param name="dt">Time step in ms.</param>
    /// <param name="totalTime">Simulated duration t_total in ms.</param>
    public TimeGrid(double dt = 0.1, double totalTime = 100.0)
    {
        if (!double.IsFinite(dt) || dt <= 0)
            throw new ArgumentOutOfRangeException(nameof(dt), dt, $"TimeGrid: dt must be a finite time step greater than 0 ms, but was {LifParameters.Format(dt)}.");
        if (!double.IsFinite(totalTime) || totalTime <= 0)
            throw new ArgumentOutOfRangeException(nameof(totalTime), totalTime, $"TimeGrid: t_total must be a finite duration greater than 0 ms, but was {LifParameters.Format(totalTime)}.");
        if (dt > totalTime)
            throw new ArgumentOutOfRangeException(nameof(dt), dt,
                $"TimeGrid: dt ({LifParameters.Format(dt)} ms) must not exceed t_total ({LifParameters.Format(totalTime)} ms).");
        double ratio = totalTime / dt;
        if (ratio > MaxSteps)
            throw new ArgumentOutOfRangeException(nameof(dt), dt,
                $"TimeGrid: t_total/dt = {LifParameters.Format(ratio)} steps; at most {MaxSteps} are allowed, so use a larger dt or a shorter t_total.");

        var warnings = new List<string>();
        double rounded = Math.Round(ratio);
        // A ratio within rounding error of a whole number is that number (100/0.1 is 1000.0000000000001).
        Steps = Math.Abs(ratio - rounded) <= 1e-9 * Math.Max(1.0, ratio) ? (int)rounded : (int)Math.Floor(ratio);
        if (Steps != (int)rounded || Math.Abs(ratio - rounded) > 1e-9 * Math.Max(1.0, ratio))
            warnings.Add($"t_total ({LifParameters.Format(totalTime)} ms) is not a whole number of steps of dt ({LifParameters.Format(dt)} ms); the grid ends at {LifParameters.Format(Steps * dt)} ms.");
        if (dt < SmallDtWarning)
            warnings.Add($"dt = {LifParameters.Format(dt)} ms is below {SmallDtWarning} ms: accurate but slow.");
        if (dt > LargeDtWarning)
            warnings.Add($"dt = {LifParameters.Format(dt)} ms is above {LifParameters.Format(LargeDtWarning)} ms: forward Euler will be inaccurate and spike times coarse.");
        Dt = dt;
        TotalTime = totalTime;
        Warnings = warnings;
    }

    /// <summary>The time step dt in ms.</summary>
    public double Dt { get; }

    /// <summary>The requested duration t_total in ms.</summary>
    public double TotalTime { get; }

    /// <summary>The number of Euler steps.</summary>
    public int Steps { get; }

    /// <summary>The number of samples, Steps + 1 (the initial point included).</summary>
    public int Points => Steps + 1;

    /// <summary>The time the grid covers, Steps·dt in ms (equal to t_total unless t_total is not a whole number of steps).</summary>
    public double Duration => Steps * Dt;

    /// <summary>Warnings about the choice of dt and t_total; empty when there is nothing to say.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The warnings as one line, or null when there are none.</summary>
    public string? Warning => Warnings.Count == 0 ? null : string.Join(" ", Warnings);

    /// <summary>The time of point <paramref name="index"/>, index·dt.</summary>
    public double Time(int index) => index * Dt;

    /// <summary>Two grids are equal when dt and t_total are.</summary>
    public bool Equals(TimeGrid? other) => other is not null && Dt == other.Dt && TotalTime == other.TotalTime;

    /// <summary>A hash of dt and t_total.</summary>
    public override int GetHashCode() => HashCode.Combine(Dt, TotalTime);

    /// <summary>All the grid times 0, dt, …, Steps·dt.</summary>
    public double[] Times()
    {
        var times = new double[Points];
        for (int i = 0; i < times.Length; i++)
            times[i] = i * Dt;
        return times;
    }
}
