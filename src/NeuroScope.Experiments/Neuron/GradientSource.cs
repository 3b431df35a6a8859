using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>Where a fit's gradient comes from.</summary>
public enum GradientSource
{
    /// <summary>Finite differences of the plain simulation: 2 extra simulations per parameter (central), any loss.</summary>
    [JsonStringEnumMemberName("fd")]
    FiniteDifference,

    /// <summary>One backward pass through the tensor simulation with a surrogate spike derivative (<see cref="DifferentiableLif"/>).</summary>
    Surrogate,
}
