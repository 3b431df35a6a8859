using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace NeuroScope.Cli;

/// <summary>
/// Keeps `neuroscope --help` to one line per verb: each command's description is cut to its first sentence for
/// listings, and the rest (details and examples) is printed after that command's own help.
/// </summary>
internal static class HelpText
{
    public static void Configure(RootCommand root)
    {
        var details = new Dictionary<Command, string>();
        Collect(root, details);
        foreach (var option in root.Options)
            if (option is HelpOption help && help.Action is HelpAction inner)
                help.Action = new DetailedHelpAction(inner, details);
    }

    private static void Collect(Command command, Dictionary<Command, string> details)
    {
        foreach (var sub in command.Subcommands)
        {
            string text = sub.Description ?? "";
            int cut = FirstSentenceEnd(text);
            if (cut < text.Length)
            {
                details[sub] = text[cut..].Trim();
                sub.Description = text[..cut].Trim();
            }
            Collect(sub, details);
        }
    }

    // The end of the first sentence or line, whichever comes first.
    private static int FirstSentenceEnd(string text)
    {
        int newline = text.IndexOf('\n');
        int sentence = text.IndexOf(". ", StringComparison.Ordinal);
        int end = text.Length;
        if (newline >= 0) end = newline;
        if (sentence >= 0 && sentence + 1 < end) end = sentence + 1;
        return end;
    }

    internal sealed class DetailedHelpAction(HelpAction inner, Dictionary<Command, string> details) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = inner.Invoke(parseResult);
            if (details.TryGetValue(parseResult.CommandResult.Command, out var more))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(more);
                output.WriteLine();
            }
            return code;
        }
    }
}
