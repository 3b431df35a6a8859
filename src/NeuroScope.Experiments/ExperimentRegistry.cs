using System.Collections;

namespace NeuroScope.Experiments;

/// <summary>The experiments, in the order a learner meets them; the CLI, the tour, <c>runs</c>, <c>replay</c> and the report read it.</summary>
public sealed class ExperimentRegistry : IReadOnlyList<IExperiment>
{
    private readonly List<IExperiment> _experiments;

    /// <summary>A registry of <paramref name="experiments"/>; verbs must be unique.</summary>
    public ExperimentRegistry(IEnumerable<IExperiment> experiments)
    {
        _experiments = [.. experiments];
        var duplicate = _experiments.GroupBy(e => e.Verb, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two experiments share the verb '{duplicate.Key}'.", nameof(experiments));
    }

    /// <summary>This registry with <paramref name="experiment"/> added at the end.</summary>
    public ExperimentRegistry With(IExperiment experiment) => new([.. _experiments, experiment]);

    /// <summary>The experiment with verb <paramref name="verb"/>, or null.</summary>
    public IExperiment? Find(string verb) => _experiments.Find(e => string.Equals(e.Verb, verb, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public int Count => _experiments.Count;

    /// <inheritdoc/>
    public IExperiment this[int index] => _experiments[index];

    /// <inheritdoc/>
    public IEnumerator<IExperiment> GetEnumerator() => _experiments.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
