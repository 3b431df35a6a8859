namespace NeuroScope.Cli.Report;

/// <summary>
/// The command line that reruns an experiment from where the user is: <c>dotnet run --project …</c> when this tool
/// runs from a build inside the repository (the project path relative to the current folder), the installed
/// <c>neuroscope</c> command otherwise; the other form comes second, for whoever works the other way.
/// </summary>
internal sealed record ReproduceCommand(string Here, string HereWhere, string Other, string OtherWhere)
{
    /// <summary>The CLI project inside the repository, from its root.</summary>
    private const string ProjectFromRoot = "src/NeuroScope.Cli";

    /// <summary>The two ways to run <paramref name="arguments"/>, the one that works from <paramref name="currentDirectory"/> first.</summary>
    public static ReproduceCommand For(IReadOnlyList<string> arguments, string? baseDirectory = null, string? currentDirectory = null)
    {
        string joined = string.Join(' ', arguments.Select(Quote));
        string installed = $"neuroscope {joined}";
        string? root = RepositoryRoot(baseDirectory ?? AppContext.BaseDirectory);
        if (root is null)
            return new(installed, "with the installed tool", $"dotnet run --project {ProjectFromRoot} -c Release -- {joined}", "from a clone of the repository");
        // Relative from inside the repository, as the README's commands are; absolute from anywhere else.
        string here = currentDirectory ?? Environment.CurrentDirectory;
        string project = Path.Combine(root, ProjectFromRoot);
        bool insideRepository = !Path.GetRelativePath(root, here).StartsWith("..", StringComparison.Ordinal);
        if (insideRepository)
            project = Path.GetRelativePath(here, project);
        project = project.Replace('\\', '/');
        return new($"dotnet run --project {Quote(project)} -c Release -- {joined}", "from this folder", installed, "with the installed tool");
    }

    /// <summary>The repository this tool was built in: the nearest folder above the running assembly holding the CLI project.</summary>
    private static string? RepositoryRoot(string baseDirectory)
    {
        for (var folder = new DirectoryInfo(baseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ProjectFromRoot, "NeuroScope.Cli.csproj")))
                return folder.FullName;
        }
        return null;
    }

    /// <summary>An argument as a POSIX shell reads it back: quoted only when it holds a space or a shell character.</summary>
    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_.,/=:+@%".Contains(c))
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
