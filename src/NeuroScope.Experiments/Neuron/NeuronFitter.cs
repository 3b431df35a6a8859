using System.Diagnostics;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Neuron;

/// <summary>
/// Fits any subset of the LIF parameters to a problem's target with one of the engine's optimizers, fed by finite
/// differences or by the surrogate gradient, recording the loss, the parameters and the gradient at every iteration.
/// </summary>
/// <remarks>
/// The fitted values live in one engine tensor u = θ/scale (see <see cref="FitSettings.StepScales"/>); each iteration
/// writes scale·∂L/∂θ into u.Grad and calls the optimizer's Step, exactly as a PyTorch loop does. The finite-difference
/// path simulates on plain doubles through a <see cref="FitObjective"/> and allocates nothing per iteration beyond the
/// history entry; the surrogate path runs <see cref="DifferentiableLif"/>'s compiled loop and its gradient loop each iteration.
/// </remarks>
public static class NeuronFitter
{
    /// <summary>Runs the fit from <paramref name="initial"/>; <paramref name="onStep"/> sees every history entry as it is made.</summary>
    /// <exception cref="ArgumentException">A setting is invalid, or the surrogate cannot differentiate the problem's loss.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled between iterations.</exception>
    public static NeuronFitResult Fit(NeuronProblem problem, LifParameters initial, FitSettings settings,
        Action<FitStep>? onStep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Fit([problem], initial, settings, onStep, cancellationToken);
    }

    /// <summary>
    /// Fits one neuron to several recordings at once (each problem a target under its own stimulus, with its own loss):
    /// the loss is the sum of the per-recording losses, and so is the gradient, by either source.
    /// </summary>
    /// <remarks>One stimulus rarely pins down every parameter (a neuron that never fires hides its threshold); recordings under different stimuli together can.</remarks>
    /// <exception cref="ArgumentException">No problem is given, a setting is invalid, or the surrogate cannot differentiate a problem's loss.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled between iterations.</exception>
    public static NeuronFitResult Fit(IReadOnlyList<NeuronProblem> problems, LifParameters initial, FitSettings settings,
        Action<FitStep>? onStep = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(settings);
        if (problems.Count == 0)
            throw new ArgumentException("NeuronFitter: no recordings to fit; give at least one problem.", nameof(problems));
        settings.Validate();
        initial.Validate();
        foreach (var problem in problems)
        {
            ArgumentNullException.ThrowIfNull(problem, nameof(problems));
            if (settings.Gradient == GradientSource.Surrogate && !DifferentiableLif.IsSupported(problem, out var reason))
                throw new ArgumentException("NeuronFitter: the surrogate gradient cannot be used here: " + reason + ".", nameof(settings));
        }

        var names = settings.Parameters;
        int n = names.Count;
        var theta = initial.ToArray(names);
        var scales = new double[n];
        var steps = new double[n];
        var unscaled = new double[n];
        for (int i = 0; i < n; i++)
        {
            scales[i] = settings.ScaleOf(names[i]);
            steps[i] = settings.FiniteDifferenceStepOf(names[i]);
            unscaled[i] = theta[i] / scales[i];
        }
        var u = Tensor.FromArray(unscaled);
        u.RequiresGrad = true;
        u.Grad = Tensor.Zeros<double>(n);
        var optimizer = Optimizers.Create<double>(settings.Optimizer, [u], new OptimizerSettings(settings.LearningRate)
        {
            Momentum = settings.Momentum, Beta1 = settings.Beta1, Beta2 = settings.Beta2,
        });

        var objectives = new FitObjective[problems.Count];
        for (int r = 0; r < objectives.Length; r++)
            objectives[r] = new FitObjective(problems[r], initial, names);
        var gradient = new double[n];
        var part = new double[n];
        var history = new List<FitStep>(settings.Iterations + 1);
        long surrogateSimulations = 0;
        var watch = Stopwatch.StartNew();
        var last = theta.ToArray();
        FitStop stop = FitStop.Iterations;
        string message = $"took all {settings.Iterations} iterations";
        bool stopAfterThisPoint = false;

        for (int iteration = 0; ; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool final = iteration == settings.Iterations || stopAfterThisPoint;
            bool recordLoss = final || iteration % settings.LossEvery == 0;
            double loss;
            double[]? recorded = null;
            if (settings.Gradient == GradientSource.FiniteDifference)
            {
                // The last point needs only its loss: no step follows it.
                loss = 0;
                Array.Clear(gradient);
                foreach (var objective in objectives)
                {
                    loss += final ? objective.Evaluate(theta) : objective.Gradient(theta, steps, part, settings.Scheme, recordLoss);
                    if (!final)
                        for (int i = 0; i < n; i++)
                            gradient[i] += part[i];
                }
            }
            else
            {
                loss = 0;
                Array.Clear(gradient);
                var at = initial.With(names, theta);
                foreach (var problem in problems)
                {
                    var g = DifferentiableLif.Gradient(problem, at, names, settings.Surrogate);
                    surrogateSimulations++;
                    loss += g.Loss;
                    for (int i = 0; i < n; i++)
                        gradient[i] += g.Values[i];
                }
            }
            if (!final || settings.Gradient == GradientSource.Surrogate)
                recorded = (double[])gradient.Clone();
            var entry = new FitStep(iteration, loss, (double[])theta.Clone(), recorded);
            history.Add(entry);
            onStep?.Invoke(entry);

            if ((recordLoss && !double.IsFinite(loss)) || (recorded is not null && !AllFinite(recorded)))
            {
                stop = FitStop.Diverged;
                message = $"the loss or the gradient became {(double.IsFinite(loss) ? "non-finite" : loss.ToString(System.Globalization.CultureInfo.InvariantCulture))} at iteration {iteration}; try a smaller learning rate or step scale";
                break;
            }
            if (stopAfterThisPoint)
                break;
            if (recordLoss && loss <= settings.LossTolerance)
            {
                stop = FitStop.LossTolerance;
                message = $"the loss {LifParameters.Format(loss)} reached the tolerance {LifParameters.Format(settings.LossTolerance)} at iteration {iteration}";
                break;
            }
            if (final)
                break;

            var grad = u.Grad.AsSpan();
            for (int i = 0; i < n; i++)
                grad[i] = gradient[i] * scales[i];
            optimizer.Step();
            var values = u.AsSpan();
            double change = 0;
            theta.CopyTo(last, 0);
            for (int i = 0; i < n; i++)
            {
                theta[i] = values[i] * scales[i];
                change = Math.Max(change, Math.Abs(theta[i] - last[i]) / Math.Max(Math.Abs(last[i]), 1.0));
            }
            if (!IsValid(initial, names, theta, out string? why))
            {
                last.CopyTo(theta, 0);
                stop = FitStop.InvalidParameters;
                message = $"step {iteration + 1} would make {why}; the fit keeps the last valid point (try a smaller learning rate or step scale)";
                break;
            }
            if (settings.RelativeTolerance > 0 && change <= settings.RelativeTolerance)
            {
                stop = FitStop.RelativeChange;
                message = $"step {iteration + 1} changed no parameter by more than {LifParameters.Format(settings.RelativeTolerance)} of its size";
                stopAfterThisPoint = true;
            }
        }
        watch.Stop();
        long simulations = surrogateSimulations;
        foreach (var objective in objectives)
            simulations += objective.Simulations;
        return new NeuronFitResult([.. names], initial, initial.With(names, theta), history, stop, message, simulations, watch.Elapsed);
    }

    private static bool AllFinite(double[] values)
    {
        foreach (double v in values)
            if (!double.IsFinite(v))
                return false;
        return true;
    }

    private static bool IsValid(LifParameters initial, IReadOnlyList<string> names, double[] theta, out string? why)
    {
        try
        {
            initial.With(names, theta);
            why = null;
            return true;
        }
        catch (ArgumentException e)
        {
            why = e.Message.Split(" (Parameter", 2)[0];
            return false;
        }
    }
}
