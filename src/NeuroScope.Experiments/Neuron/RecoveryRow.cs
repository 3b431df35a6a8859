namespace NeuroScope.Experiments.Neuron;

/// <summary>One row of a parameter-recovery table: the true value, where the fit started, where it ended, and the error learned − true.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="True">The value that generated the target.</param>
/// <param name="Initial">The fit's starting value.</param>
/// <param name="Learned">The fit's final value.</param>
public sealed record RecoveryRow(string Name, double True, double Initial, double Learned)
{
    /// <summary>Learned − true.</summary>
    public double Error => Learned - True;
}
