using System.Globalization;
using NeuroScope.Experiments.Files;
using NeuroScope.Experiments.Options;

namespace NeuroScope.Experiments.Neuron;

/// <summary>The neuron experiment's registration: its verb and subcommands, summary, headline numbers, tables and pictures.</summary>
public sealed partial class NeuronExperiment
{
    /// <inheritdoc/>
    public override string Verb => "neuron";

    /// <inheritdoc/>
    public override string Title => "Neuron: learning a spiking neuron's parameters";

    /// <inheritdoc/>
    public override string Description =>
        "Learn a leaky integrate-and-fire neuron's tau and v_threshold from its voltage trace. Alone, the verb runs the recovery demo: "
        + "at 20 mV the surrogate gradient of a matched-voltage + earth-mover loss recovers tau 25 and v_threshold -52 from 20 and -55, "
        + "beside the tutorials' voltage loss and finite differences with several steps. Writes the recovery tables, learning curves, parameter paths, traces and landscapes.";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Examples =>
    [
        "neuron", "neuron silent", "neuron simulate --current 20 --initial tau=20,v_threshold=-55",
        "neuron landscape --params tau,v_threshold --range 15:35,-57:-47 --points 41",
        "neuron fit --params tau,v_threshold --gradient fd --optimizer momentum --learning-rate 0.01 --iterations 200 --loss earth-mover --interpolate",
        "neuron --config runs/neuron_001/config.json",
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<ExperimentVariant> Variants =>
    [
        new("silent", "The trap: at 18 mV the target never fires, so its threshold leaves no trace in the data and a fit to that recording alone cannot find it; "
            + "fitted together with a second recording under a 25 mV pulse, at which the target fires, tau and v_threshold are both recovered. The fits stand side by side."
            + "\n\nExamples:\n  neuroscope neuron silent\n  neuroscope neuron silent --initial tau=20,v_threshold=-45\n  neuroscope neuron silent --firing-current \"pulse(start=50,stop=150,amplitude=30)\"",
            "Neuron: one recording is not enough"),
        new("simulate", "Simulate the initial and the target neuron: voltage with threshold, reset and spikes above the input current.\n\nExamples:\n  neuroscope neuron simulate --current 20 --initial tau=20,v_threshold=-55\n  neuroscope neuron simulate --current 18 --duration 300"
            + "\n  neuroscope neuron simulate --current \"20 + sine(amplitude=5,period=25)\"\n  neuroscope neuron simulate --current \"noise(mean=18,std=3,seed=1)\"\n  neuroscope neuron simulate --current \"csv(file=stimulus.csv)\"\n\n" + Currents.Help()),
        new("landscape", "Loss landscapes through the initial point: a 1-D sweep per parameter and a 2-D heat map with contours over the first two.\n\nExamples:\n  neuroscope neuron landscape --params tau,v_threshold --range 15:35,-57:-47 --points 41 --loss voltage\n  neuroscope neuron landscape --params v_threshold --range=-60:-45 --current 18"
            + "\n\n" + Currents.Help()),
        new("fit", "Fit the chosen parameters with one gradient source and optimizer, to one recording or to several at once (currents separated by ';'; the loss is the sum over recordings)."
            + "\n\nExamples:\n  neuroscope neuron fit --params tau,v_threshold --gradient surrogate --optimizer adam --learning-rate 0.2 --iterations 300\n  neuroscope neuron fit --gradient fd --loss earth-mover --interpolate --optimizer adam --learning-rate 0.2"
            + "\n  neuroscope neuron fit --current \"18; pulse(start=20,stop=180,amplitude=25)\" --iterations 600"
            + "\n  neuroscope neuron fit --current \"csv(file=stim1.csv); csv(file=stim2.csv)\" --target-voltage v1.csv,v2.csv"
            + "\n\n" + Currents.Help()),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<string> MetricColumns => FitColumns;

    /// <inheritdoc/>
    public override IReadOnlyList<string> QuickArguments => ["--iterations", "40", "--points", "11"];

    /// <inheritdoc/>
    public override IReadOnlyList<Picture> Pictures =>
    [
        new("target_voltage.png", "The target neuron: its voltage climbs to the threshold, spikes and resets; these spike times are what the fits must match."),
        new("voltage.png", "The initial guess under the same current fires at other times than the target: the gap each fit has to close."),
        new("learning_curve.png", "Each fit's loss per iteration: the surrogate fit keeps falling, while finite differences with a small step stall on flat stretches."),
        new("parameter_paths.png", "Where each fit took tau and v_threshold: the fits that work end on the dashed true values, the voltage MSE runs away."),
        new("traces.png", "The learned trace lies on the target and fires at the same times, where the initial one fired too early."),
        new("traces_recordings.png", "With a second recording under a pulse the target fires, and the fit matches both recordings at once."),
        new("landscape_1d.png", "The loss along v_threshold through the true value: the voltage losses slope smoothly, the spike losses are staircases that a small finite-difference step sees as flat."),
        new("landscape_2d.png", "The loss over tau and v_threshold: a narrow curved valley between plateaus where the spike count is wrong, with the fits' paths."),
        new("landscape_3d.png", "The same loss landscape as a shaded 3-D surface: the valley the fits descend, and where the true parameters sit in it."),
    ];

    /// <inheritdoc/>
    public override void Validate(NeuronConfig config) => config.Validate();

    /// <inheritdoc/>
    public override NeuronConfig ForVariant(NeuronConfig config, string? variant) => variant is null
        ? config
        : config with { Mode = (NeuronMode)EnumNames.Parse(typeof(NeuronMode), variant)! };

    /// <inheritdoc/>
    public override string RunName(NeuronConfig config) =>
        config.Mode == NeuronMode.Demo ? Verb : $"{Verb}-{EnumNames.Format(config.Mode)}";

    /// <inheritdoc/>
    public override IReadOnlyList<Headline> Headlines(NeuronResult result)
    {
        if (result.Main is not { } main)
            return [new("target spikes", result.Target.SpikeTimes.Length), new("initial spikes", result.Initial.SpikeTimes.Length)];
        var lines = new List<Headline>();
        foreach (var row in main.Recovery)
            lines.Add(new($"learned {row.Name} (true {Format(row.True)})", row.Learned, row.Name == "tau" ? "ms" : "mV"));
        lines.Add(new("final loss", main.Result.FinalLoss));
        return lines;
    }

    /// <inheritdoc/>
    public override object Summary(NeuronResult result, IReadOnlyList<Headline> headlines) => NeuronSummary.From(result) with { Headlines = headlines };

    /// <inheritdoc/>
    /// <remarks>A run with a 2-D landscape writes surface.json: log10 of the loss over the grid with the true, start and found parameters.</remarks>
    public override void WriteFiles(NeuronResult result, IRunFiles files)
    {
        if (Surface(result) is { } surface)
            surface.Write(files);
    }

    /// <summary>
    /// The 2-D landscape as a surface of log10 loss (a loss of 0, at the truth itself, is shown at the grid's smallest
    /// positive loss; invalid parameters are holes), marked with the true parameters, the start, the fit's end and the
    /// grid minimum; null without a 2-D landscape.
    /// </summary>
    public static SurfaceFile? Surface(NeuronResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Grid is not { } grid)
            return null;
        string x = grid.X.Name, y = grid.Y.Name;
        double floor = double.PositiveInfinity;
        foreach (double loss in grid.Losses)
            if (double.IsFinite(loss) && loss > 0)
                floor = Math.Min(floor, loss);
        double Height(int row, int column)
        {
            double loss = grid.Losses[row, column];
            return double.IsFinite(loss) && double.IsFinite(floor) ? Math.Log10(Math.Max(loss, floor)) : double.NaN;
        }
        var truth = result.Target.Parameters;
        var markers = new List<SurfaceMarker> { new("true", truth.Get(x), truth.Get(y)), new("start", grid.Center.Get(x), grid.Center.Get(y)) };
        if (result.Main is { } main && main.Result.Names.Contains(x) && main.Result.Names.Contains(y))
            markers.Add(new($"found ({main.Label})", main.Result.Final.Get(x), main.Result.Final.Get(y)));
        if (grid.MinimumIndex.Row >= 0)
            markers.Add(new("grid minimum", grid.Minimum.X, grid.Minimum.Y));
        return SurfaceFile.Create($"log10 of {result.GridLoss} over {x} and {y}", $"{x} ({Unit(x)})", grid.XValues, $"{y} ({Unit(y)})", grid.YValues,
            "log10 loss", [(result.GridLoss, Height)], markers: markers);
    }

    private static string Unit(string parameter) => parameter == "tau" ? "ms" : "mV";

    /// <inheritdoc/>
    public override string? Failure(NeuronResult result) =>
        result.Config.Mode == NeuronMode.Fit && result.Main is { } main ? FitFailure(main.Result) : null;

    // A fit that diverged, never took a step, or ended with more than twice the loss it started with has learned nothing
    // (a smaller rise can be momentum's overshoot or a spike loss's noise, and the fit may still be on its way).
    private static string? FitFailure(NeuronFitResult fit)
    {
        double initial = fit.History[0].Loss, final = fit.FinalLoss;
        if (fit.Stop == FitStop.Diverged)
            return fit.Message + ".";
        if (fit.Steps == 0 && fit.Stop == FitStop.InvalidParameters)
            return $"no step was taken: {fit.Message}.";
        if (double.IsFinite(initial) && final > 2 * initial)
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the loss rose from {initial:G4} to {final:G4} in {fit.Steps} steps, more than doubling; the learning rate is too large, try a smaller --learning-rate.");
        return null;
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ResultTable> Tables(NeuronResult result)
    {
        if (result.Runs.Count == 0)
            return [];
        // One row per fit and one column per learned parameter, as the README's recovery table: the learned values
        // side by side read at a glance; the true value, the same for every fit, goes in the header (a fit's start is
        // in its label and its note).
        var parameters = result.Runs[0].Recovery;
        var columns = new List<string> { "fit" };
        columns.AddRange(parameters.Select(p => $"{p.Name} (true {F(p.True)})"));
        var rows = result.Runs.Select(run => (IReadOnlyList<string>)
            [run.Label, .. parameters.Select(p => run.Recovery.FirstOrDefault(r => r.Name == p.Name) is { } row ? F(row.Learned) : "")]).ToList();
        return [new ResultTable("Parameter recovery: the learned values", columns, rows)];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Notes(NeuronResult result)
    {
        // Setups in full, not in the table: long descriptions inside a table would wrap badly.
        var notes = result.Runs.Select(run => string.Create(CultureInfo.InvariantCulture,
            $"{run.Label}: {run.Description}. Loss {run.Result.History[0].Loss:G4} -> {run.Result.FinalLoss:G4} in {run.Result.Steps} steps, {run.Result.Elapsed.TotalSeconds:F2} s ({run.Result.Message}).")).ToList();
        notes.AddRange(result.Notes);
        return notes;
    }

    private static string F(double value) => (value + 0.0).ToString("0.###", CultureInfo.InvariantCulture);
}
