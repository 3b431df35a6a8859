namespace NeuroScope.Experiments.Options;

/// <summary>A file path, stored absolute: a run's config.json then names the same file when it is replayed from another folder.</summary>
public sealed class FilePathSyntax : IOptionSyntax
{
    /// <inheritdoc/>
    public string HelpName => "file";

    /// <inheritdoc/>
    public object? Parse(string text, object? current)
    {
        // Empty means none, as Format writes a missing path.
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return Path.GetFullPath(text);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new OptionSyntaxException($"give a file path ({e.Message})");
        }
    }

    /// <inheritdoc/>
    public string Format(object? value) => value as string ?? "";
}
