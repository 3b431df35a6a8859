namespace NeuroScope.Bench;

/// <summary>One benchmark workload: a name, how many steps one run takes, and a run that returns its check value.</summary>
/// <param name="Id">W1..W6.</param>
/// <param name="Name">The workload's short name (see WORKLOADS.md).</param>
/// <param name="Engine">"neuroscope" (the dynamic engine), "neuroscope-compiled", "hand" (the framework-free loop), "libtorch", ...</param>
/// <param name="Steps">Steps (epochs, iterations) in one run.</param>
/// <param name="Run">Runs the workload once from its starting values and returns its check values.</param>
/// <param name="Validate">Throws when the check values are wrong: a fast wrong run must fail.</param>
internal sealed record Workload(string Id, string Name, string Engine, int Steps,
    Func<Dictionary<string, double>> Run, Action<Dictionary<string, double>> Validate);
