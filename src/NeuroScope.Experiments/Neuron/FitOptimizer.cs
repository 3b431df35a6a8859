using System.Text.Json.Serialization;

namespace NeuroScope.Experiments.Neuron;

/// <summary>The engine optimizer a fit uses (see NeuroScope.Optim).</summary>
public enum FitOptimizer
{
    /// <summary>Plain gradient descent, θ ← θ − lr·g (<c>GradientDescent&lt;double&gt;</c>).</summary>
    [JsonStringEnumMemberName("gd")]
    GradientDescent,

    /// <summary>SGD with PyTorch's momentum rule, b ← μ·b + g, θ ← θ − lr·b (<c>Sgd&lt;double&gt;</c>).</summary>
    Momentum,

    /// <summary>Adam (<c>Adam&lt;double&gt;</c>).</summary>
    Adam,
}
