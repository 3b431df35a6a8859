namespace NeuroScope.Experiments.Options;

/// <summary>How a composite option value is written on the command line (e.g. <c>tau=20,v_threshold=-55</c>) and read back.</summary>
public interface IOptionSyntax
{
    /// <summary>The placeholder in --help, e.g. <c>name=value,…</c>.</summary>
    string HelpName { get; }

    /// <summary>Reads <paramref name="text"/>; <paramref name="current"/> is the value before (for syntaxes that change part of it). Throws <see cref="OptionSyntaxException"/> with what is allowed.</summary>
    object? Parse(string text, object? current);

    /// <summary>Writes <paramref name="value"/> as the text <see cref="Parse"/> reads.</summary>
    string Format(object? value);
}

/// <summary>Text that a syntax cannot read; the message says what is allowed (the option name and value are added by the caller).</summary>
public sealed class OptionSyntaxException(string allowed) : Exception(allowed)
{
    /// <summary>What is allowed, e.g. "give name=value pairs separated by ','".</summary>
    public string Allowed { get; } = allowed;
}
