using System.Text.RegularExpressions;
using NeuroScope.Experiments;

namespace NeuroScope.Cli.Tests.Contract;

/// <summary>Walks every experiment's config by reflection: each field is an option, round-trips, and --help shows its real default.</summary>
public class OptionDeclarationTests
{
    private static readonly ExperimentRegistry Registry = ExperimentCatalog.Default.With(new MeanExperiment());

    public static TheoryData<string> Verbs() => [.. Registry.Select(e => e.Verb)];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryConfigField_IsADeclaredOption(string verb)
    {
        var options = Registry.Find(verb)!.Options;

        Assert.Empty(options.Undeclared);
        Assert.NotEmpty(options.Options);
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void EveryOption_RoundTripsThroughConfigJsonAndItsCliText(string verb)
    {
        var experiment = Registry.Find(verb)!;
        object defaults = experiment.CreateConfig();

        string json = ExperimentJson.Serialize(defaults);
        object back = ExperimentJson.Deserialize(experiment.ConfigType, json, "config.json");

        Assert.Equal(json, ExperimentJson.Serialize(back));
        foreach (var option in experiment.Options.Options)
        {
            Assert.Contains($"\"{option.JsonName}\":", json);
            Assert.Equal(option.Format(option.GetValue(defaults)), option.Format(option.GetValue(back)));
            object? parsed = option.Parse(option.DefaultText, option.GetValue(defaults), option.CliName);
            Assert.Equal(option.DefaultText, option.Format(parsed));
        }
    }

    [Theory]
    [MemberData(nameof(Verbs))]
    public void HelpDefaults_AreTheConfigDefaults_AndSubcommandsShowOnlyTheirOwnOptions(string verb)
    {
        var experiment = Registry.Find(verb)!;
        var commands = new List<(string[] Args, string? Variant)> { ([verb], null) };
        commands.AddRange(experiment.Variants.Select(v => (new[] { verb, v.Name }, (string?)v.Name)));

        foreach (var (args, variant) in commands)
        {
            using var output = new StringWriter();
            CliApp.Run([.. args, "--help"], output, TextWriter.Null, null, Registry);
            string help = output.ToString();
            object config = experiment.ForVariant(experiment.CreateConfig(), variant);
            foreach (var option in experiment.Options.Options)
            {
                var shown = Regex.Match(help, $@"^\s+(?:-\S+, )*{Regex.Escape(option.CliName)}[ ,].*?\[default: (.*?)\]", RegexOptions.Multiline | RegexOptions.Singleline);
                bool expected = variant is null || option.Only is null || option.Only.Contains(variant);
                Assert.True(expected == shown.Success, $"{string.Join(' ', args)}: {option.CliName} {(expected ? "is missing" : "is shown but not used")}");
                if (shown.Success)
                    Assert.Equal(option.Format(option.GetValue(config)), shown.Groups[1].Value);
            }
        }
    }
}
