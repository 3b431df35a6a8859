namespace NeuroScope.Cli.Runs;

/// <summary>A child's progress: the stage it is in (<c>train</c>, <c>render</c>) and its step of the stage's total.</summary>
/// <param name="Stage">The stage, as the experiment reports it.</param>
/// <param name="Step">Steps done in the stage.</param>
/// <param name="Total">Steps the stage will take.</param>
public sealed record ChildProgress(string Stage, int Step, int Total)
{
    /// <summary>The share of the stage done, 0..1.</summary>
    public double Fraction => Total <= 0 ? 0 : Math.Clamp((double)Step / Total, 0, 1);
}
