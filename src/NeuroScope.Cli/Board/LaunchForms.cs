using NeuroScope.Cli.Commands;
using NeuroScope.Experiments;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Cli.Board;

/// <summary>An experiment as the launch form draws it: its variants and, per field, what the declared option says.</summary>
internal sealed record ExperimentForm(string Verb, string Title, string Description, IReadOnlyList<VariantForm> Variants);

/// <summary>One form of an experiment: the bare verb (<see cref="Name"/> null) or a variant, with the fields it shows.</summary>
internal sealed record VariantForm(string? Name, string Description, IReadOnlyList<FieldForm> Fields);

/// <summary>One field of a launch form, derived from a declared option.</summary>
/// <param name="Option">The CLI name, e.g. <c>--learning-rate</c>: the key the form sends back.</param>
/// <param name="Kind"><c>flag</c>, <c>choice</c> or <c>text</c> (numbers and lists are typed as on the command line).</param>
/// <param name="Default">The default as CLI text.</param>
/// <param name="Placeholder">What the command line's help calls the value: <c>number</c>, <c>integer,…</c>.</param>
/// <param name="Range">The allowed range in words, as --help shows it; empty when anything goes.</param>
/// <param name="Min">The lower bound of a number, or null.</param>
/// <param name="Max">The upper bound of a number, or null.</param>
internal sealed record FieldForm(string Option, string Label, string Help, string? Unit, string Kind, string Default, string Placeholder,
    string Range, IReadOnlyList<string>? Choices, double? Min, double? Max);

/// <summary>A launch request checked against the declarations: the command line it runs, or the first bad field and its message.</summary>
/// <param name="Arguments">The arguments after <c>neuroscope</c>, without the runs folder; null when the request is not allowed.</param>
/// <param name="Option">The field the message is about (its CLI name), or null.</param>
/// <param name="Message">The message the command line prints for the same values (without "error: ").</param>
internal sealed record LaunchCheck(IReadOnlyList<string>? Arguments, string? Option, string? Message);

/// <summary>
/// The launch forms of the registered experiments, derived from their declared options, and the check of a filled-in form:
/// values are read, set and validated by the same code as the command line, so a form shows the command line's messages.
/// </summary>
internal static class LaunchForms
{
    /// <summary>The form of every experiment in <paramref name="experiments"/>.</summary>
    public static IReadOnlyList<ExperimentForm> Describe(ExperimentRegistry experiments) =>
        experiments.Select(e => new ExperimentForm(e.Verb, e.Title, e.Description,
            [Variant(e, null, e.Description), .. e.Variants.Select(v => Variant(e, v.Name, v.Description))])).ToList();

    private static VariantForm Variant(IExperiment experiment, string? variant, string description)
    {
        object config = experiment.ForVariant(experiment.CreateConfig(), variant);
        var fields = Visible(experiment, variant).Select(o =>
        {
            string value = o.Format(o.GetValue(config));
            // An option that may be left unset ("none") offers that as its first choice.
            var choices = o.Choices is { } known && !known.Contains(value, StringComparer.OrdinalIgnoreCase) ? [value, .. known] : o.Choices;
            return new FieldForm(o.CliName, o.Label, o.Help, o.Unit, o.IsFlag ? "flag" : choices is not null ? "choice" : "text",
                value, o.HelpName, o.RangeText, choices, double.IsNaN(o.Min) ? null : o.Min, double.IsNaN(o.Max) ? null : o.Max);
        }).ToList();
        return new VariantForm(variant, description, fields);
    }

    private static IEnumerable<OptionInfo> Visible(IExperiment experiment, string? variant) =>
        experiment.Options.Options.Where(o => variant is null || o.Only is not { } only || only.Contains(variant));

    /// <summary>
    /// Checks a filled-in form: the experiment must be registered, the variant one of its own, every key one of the
    /// form's options; each value is parsed and the config validated as the command line does. Only values that differ
    /// from the form's defaults become arguments, so the run's command line stays short and reads like one typed.
    /// </summary>
    public static LaunchCheck Check(ExperimentRegistry experiments, string? verb, string? variant, IReadOnlyDictionary<string, string>? values)
    {
        if (verb is null || experiments.Find(verb) is not { } experiment)
            return new LaunchCheck(null, null, $"'{MessageText.Shorten(verb ?? "")}' is not an experiment; allowed: {string.Join(", ", experiments.Select(e => e.Verb))}.");
        if (variant is not null && experiment.Variants.All(v => v.Name != variant))
            return new LaunchCheck(null, null, $"'{MessageText.Shorten(variant)}' is not a variant of {experiment.Verb}; "
                + (experiment.Variants.Count == 0 ? $"{experiment.Verb} has none." : $"allowed: {string.Join(", ", experiment.Variants.Select(v => v.Name))}."));
        var options = Visible(experiment, variant).ToDictionary(o => o.CliName, StringComparer.Ordinal);
        object config = experiment.ForVariant(experiment.CreateConfig(), variant);
        var arguments = new List<string> { experiment.Verb };
        if (variant is not null)
            arguments.Add(variant);
        var typed = new Dictionary<string, string>();
        try
        {
            foreach (var (name, text) in values ?? new Dictionary<string, string>())
            {
                if (!options.TryGetValue(name, out var option))
                    return new LaunchCheck(null, name, $"'{MessageText.Shorten(name)}' is not an option of {experiment.Verb}{(variant is null ? "" : " " + variant)}.");
                object? current = option.GetValue(config);
                if (text.Trim() == option.Format(current))
                    continue;
                option.SetValue(config, option.Parse(text ?? "", current, option.CliName));
                typed[option.JsonName] = option.CliName;
                arguments.Add(option.CliName);
                arguments.Add(text!.Trim());
            }
            ExperimentCommand.Validate(experiment, config, typed);
        }
        catch (ConfigException e)
        {
            return new LaunchCheck(null, OptionOf(e.Message, options.Values), e.Message);
        }
        catch (UsageException e)
        {
            return new LaunchCheck(null, OptionOf(e.Message, options.Values), e.Message);
        }
        return new LaunchCheck(arguments, null, null);
    }

    // The messages start with the option as typed ("--steps: 0 is not allowed; …"), or, for a value the user left at its
    // default but which clashes with a typed one, with its config.json key ("frameEvery: …").
    private static string? OptionOf(string message, IEnumerable<OptionInfo> options) =>
        options.FirstOrDefault(o => message.StartsWith(o.CliName + ":", StringComparison.Ordinal) || message.StartsWith(o.JsonName + ":", StringComparison.Ordinal))?.CliName;
}
