using System.Text.Json.Serialization;

namespace NeuroScope.Optim;

/// <summary>The optimizers a program can choose by name (the member's lowercase name, or the name its <see cref="JsonStringEnumMemberNameAttribute"/> gives); <see cref="Optimizers"/> creates and parses them.</summary>
public enum OptimizerKind
{
    /// <summary>Plain gradient descent θ ← θ − lr·g (<see cref="GradientDescent{T}"/>), named <c>gd</c>.</summary>
    [JsonStringEnumMemberName("gd")]
    GradientDescent,

    /// <summary>SGD with PyTorch's momentum rule b ← μ·b + g, θ ← θ − lr·b (<see cref="Sgd{T}"/>), named <c>momentum</c>.</summary>
    Momentum,

    /// <summary>Adam (<see cref="Adam{T}"/>), named <c>adam</c>.</summary>
    Adam,
}
