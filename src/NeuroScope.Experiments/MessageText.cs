namespace NeuroScope.Experiments;

/// <summary>Text that goes into error messages: a value the user gave is quoted, but never at unbounded length.</summary>
public static class MessageText
{
    /// <summary>The longest value quoted in full; longer ones keep their start and say how long they were.</summary>
    public const int MaxQuoted = 80;

    /// <summary><paramref name="text"/> itself when short; otherwise its first characters and its length, e.g. <c>aaaa… (10485760 characters)</c>.</summary>
    public static string Shorten(string? text)
    {
        if (text is null || text.Length <= MaxQuoted)
            return text ?? "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text[..(MaxQuoted - 20)]}… ({text.Length} characters)");
    }
}
