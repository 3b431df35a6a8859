namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// One kind of input current as the current syntax knows it: its name, what it is, its parameters with their ranges,
/// and how to build it from their values. The parser, the --help text and config.json all read this one entry.
/// </summary>
/// <param name="Name">The name written in the syntax, e.g. <c>pulse</c>.</param>
/// <param name="Description">What the current is, in one sentence.</param>
/// <param name="Parameters">Its parameters, in the order the help lists them.</param>
/// <param name="Create">Builds the current from the parsed arguments (every parameter present, defaults filled in).</param>
public sealed record CurrentKind(string Name, string Description, IReadOnlyList<CurrentParameter> Parameters, Func<CurrentArguments, InputCurrent> Create)
{
    /// <summary>The parameter called <paramref name="name"/>, or null.</summary>
    public CurrentParameter? Find(string name)
    {
        foreach (var parameter in Parameters)
            if (parameter.Name == name)
                return parameter;
        return null;
    }

    /// <summary>The call form with every parameter, e.g. <c>pulse(start, stop, amplitude)</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => p.Name))})";

    /// <summary>The kind in one help paragraph: signature, description, and each parameter with its unit and range.</summary>
    public string Help =>
        $"{Signature}: {Description} " + string.Join("; ", Parameters.Select(p => $"{p.Name}: {p.Description} ({p.Allowed})")) + ".";
}
