using System.Diagnostics;
using NeuroScope.Compile;
using NeuroScope.Diagnostics;
using NeuroScope.Nn;
using NeuroScope.Optim;

namespace NeuroScope.Experiments.Fit;

/// <summary>
/// The function-approximation playground: a small MLP learns a target (or a PDE's solution) by full-batch descent,
/// recording every step's loss, every frame's predictions and generalization error, and at every sharpness step the
/// top Hessian eigenvalue of the training loss and the last update's projection on its eigenvector.
/// </summary>
public static class FunctionFit
{
    /// <summary>The metric names reported per step (the columns of metrics.csv).</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["loss", "generalization_error", "sharpness", "projection"];

    /// <summary>Runs the experiment described by <paramref name="config"/>; see <see cref="Run(FitConfig, FitTarget?, IProgress{ExperimentProgress}?, CancellationToken)"/>.</summary>
    public static FitResult Run(FitConfig config, IProgress<ExperimentProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run(config, null, progress, cancellationToken);

    /// <summary>
    /// Runs the experiment, fitting <paramref name="target"/> when given (a library function) instead of the config's
    /// target. Divergence (a NaN or infinite loss) stops the run at that step; cancellation stops it after the current
    /// step; either way the result holds the completed steps and a final frame.
    /// </summary>
    public static FitResult Run(FitConfig config, FitTarget? target, IProgress<ExperimentProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (target is not null && target.InputDimension != config.InputDimension)
            throw new ConfigException("inputDimension", config.InputDimension, $"the given target takes {target.InputDimension} input(s)");
        var watch = Stopwatch.StartNew();
        int d = config.InputDimension;
        var problem = config.IsPde ? Problem.ForPde(config) : Problem.ForData(config, target);
        var grid = FitGrid.Create(d, problem.Box, config.GridPadding, d == 1 ? config.GridPoints : config.GridPoints2d, problem.Reference is null ? null : problem.Reference.Evaluate);
        var gridInputs = Tensor.FromArray(grid.Points(), grid.Count, d);

        // The weights have their own generator, seeded seed + 1, so changing the data never changes the initialization.
        var model = new Mlp<double>(d, config.Hidden, 1, Activations.Parse(config.Activation), new Random(config.Seed + 1));
        var parameters = model.Parameters().ToArray();
        var optimizer = CreateOptimizer(config, parameters);
        Func<Tensor<double>> objective = problem.Objective(config, model, parameters);
        var compiled = new CompiledObjective(objective, parameters);
        // The frames' predictions on the grid as one compiled forward pass: the same kernels as model.Forward, so the
        // same numbers, with its buffers reused instead of a graph and fresh activations of the whole grid per frame.
        var gridForward = Compiler.Compile<double>(_ => [model.Forward(gridInputs)]);

        int steps = config.Steps;
        var losses = new List<double>(steps);
        var frameSteps = new List<int>(steps / config.FrameEvery + 2);
        var generalization = new List<double>(frameSteps.Capacity);
        var frames = new List<double[]>(frameSteps.Capacity);
        var sharpnessSteps = new List<int>();
        var sharpness = new List<double>();
        var projections = new List<double>();
        Tensor<double>? eigenvector = null;
        int? divergedAt = null;
        bool cancelled = false;
        int completed = 0;
        var metrics = new Dictionary<string, double>(4);

        for (int step = 1; step <= steps; step++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            double value = compiled.LossAndGradients();
            if (!double.IsFinite(value))
            {
                divergedAt = step;
                progress?.Report(new ExperimentProgress("train", completed, steps, null,
                    $"[WARN] The loss became {value} at step {step}: the run diverged (try a smaller learning rate). Stopping."));
                break;
            }
            bool measureSharpness = config.SharpnessEvery > 0 && step % config.SharpnessEvery == 0;
            var before = measureSharpness ? model.ParametersToVector() : null;
            optimizer.Step();
            losses.Add(value);
            completed = step;

            metrics.Clear();
            metrics["loss"] = value;
            if (step % config.FrameEvery == 0 || step == steps)
            {
                double error = TakeFrame(gridForward, grid, frames);
                frameSteps.Add(step);
                generalization.Add(error);
                metrics["generalization_error"] = error;
            }
            if (measureSharpness)
            {
                try
                {
                    var operatorAtStep = compiled.Hessian();
                    var top = Hessian.PowerIteration(operatorAtStep, eigenvector, config.PowerIterations, config.SharpnessTolerance, config.Seed);
                    eigenvector = top.Eigenvector;
                    var update = model.ParametersToVector().AsSpan();
                    var old = before!.AsSpan();
                    var v = eigenvector.AsSpan();
                    double projection = 0;
                    for (int i = 0; i < v.Length; i++)
                        projection += (update[i] - old[i]) * v[i];
                    sharpnessSteps.Add(step);
                    sharpness.Add(top.Eigenvalue);
                    projections.Add(Math.Abs(projection));
                    metrics["sharpness"] = top.Eigenvalue;
                    metrics["projection"] = Math.Abs(projection);
                }
                catch (InvalidOperationException)
                {
                    // The curvature overflowed: the parameters are already on their way to infinity.
                    divergedAt = step;
                    progress?.Report(new ExperimentProgress("train", completed, steps, new Dictionary<string, double>(metrics),
                        $"[WARN] The curvature became infinite at step {step}: the run diverged (try a smaller learning rate). Stopping."));
                    break;
                }
            }
            progress?.Report(new ExperimentProgress("train", step, steps, new Dictionary<string, double>(metrics)));
        }

        // Every run ends on a frame of its last state, so a stopped run still has a dashboard of what was done.
        if (frameSteps.Count == 0 || frameSteps[^1] != completed)
        {
            generalization.Add(TakeFrame(gridForward, grid, frames));
            frameSteps.Add(completed);
        }

        return new FitResult
        {
            Config = config,
            Target = problem.Reference,
            TargetDescription = problem.Description,
            TrainingInputs = problem.Inputs,
            TrainingTargets = problem.Targets,
            Grid = grid,
            Losses = [.. losses],
            FrameSteps = [.. frameSteps],
            GeneralizationErrors = [.. generalization],
            Frames = frames,
            SharpnessSteps = [.. sharpnessSteps],
            Sharpness = [.. sharpness],
            Projections = [.. projections],
            CompletedSteps = completed,
            DivergedAtStep = divergedAt,
            Cancelled = cancelled,
            RelativeL2Error = config.IsPde ? problem.RelativeError(model) : null,
            ExactSource = problem.ExactSource,
            Elapsed = watch.Elapsed,
            Model = model,
        };
    }

    /// <summary>The target a config describes (registry, expression; null for a data file or a PDE).</summary>
    /// <summary>
    /// Builds the training data the way <see cref="Run(FitConfig, FitTarget?, IProgress{ExperimentProgress}?, CancellationToken)"/>
    /// does and checks it: a data file that reads, targets and right-hand sides that are finite at every training point.
    /// Throws a <see cref="ConfigException"/> that names the first bad point.
    /// </summary>
    internal static void CheckProblem(FitConfig config)
    {
        if (config.IsPde)
            Problem.ForPde(config);
        else
            Problem.ForData(config, null);
    }

    public static FitTarget? ResolveTarget(FitConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.IsPde || config.DataFile is not null)
            return null;
        if (config.Expression is not null)
            return FitTarget.FromExpression(Expression.Parse(config.Expression), config.InputDimension);
        return FitTargets.Create(config.Target, config.TargetParameters);
    }

    private static Optimizer<double> CreateOptimizer(FitConfig config, Tensor<double>[] parameters) =>
        Optimizers.Create(Optimizers.Parse(config.Optimizer), parameters, new OptimizerSettings(config.LearningRate) { Momentum = config.Momentum });

    private static double TakeFrame(CompiledFunction<double> gridForward, FitGrid grid, List<double[]> frames)
    {
        double[] prediction = gridForward.Run()[0].ToArray();
        frames.Add(prediction);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < prediction.Length; i++)
        {
            if (!grid.Outside[i] || double.IsNaN(grid.Target[i]))
                continue;
            double difference = prediction[i] - grid.Target[i];
            sum += difference * difference;
            count++;
        }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>The data (or collocation points) and the objective of one run.</summary>
    private sealed class Problem
    {
        public required (double XMin, double XMax, double YMin, double YMax) Box { get; init; }
        public required double[] Inputs { get; init; }
        public double[]? Targets { get; init; }
        public FitTarget? Reference { get; init; }
        public string? ExactSource { get; init; }
        public required string Description { get; init; }
        public Tensor<double>? RhsValues { get; init; }
        public Tensor<double>? BoundaryPoints { get; init; }
        public Tensor<double>? BoundaryValues { get; init; }

        // A target that is not a finite number of sensible size at a sample point cannot be fitted; say where it fails.
        private static ConfigException BadValue(string field, string text, double value, double x, double? y)
        {
            string at = y is double yy ? FormattableString.Invariant($"(x, y) = ({x:G6}, {yy:G6})") : FormattableString.Invariant($"x = {x:G6}");
            string what = double.IsFinite(value) ? FormattableString.Invariant($"{value:G3}, beyond ±{FitConfig.MaxMagnitude:0e0}") : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ConfigException(field, text, $"it is {what} at {at}, the first training point where it is not a finite number of sensible size; choose a box where it is defined");
        }

        public static Problem ForData(FitConfig config, FitTarget? given)
        {
            int d = config.InputDimension;
            if (config.DataFile is not null)
            {
                var (inputs, targets) = FitData.Read(config.DataFile, d);
                double xMin = double.PositiveInfinity, xMax = double.NegativeInfinity, yMin = double.PositiveInfinity, yMax = double.NegativeInfinity;
                for (int i = 0; i < targets.Length; i++)
                {
                    xMin = Math.Min(xMin, inputs[i * d]);
                    xMax = Math.Max(xMax, inputs[i * d]);
                    yMin = Math.Min(yMin, inputs[i * d + d - 1]);
                    yMax = Math.Max(yMax, inputs[i * d + d - 1]);
                }
                if (!(xMin < xMax) || !(yMin < yMax))
                    throw new ConfigException("dataFile", config.DataFile, "the samples' inputs must span an interval (min < max in every input)");
                return new Problem
                {
                    Box = (xMin, xMax, yMin, yMax),
                    Inputs = inputs,
                    Targets = targets,
                    Description = $"data {Path.GetFileName(config.DataFile)}",
                };
            }

            var target = given ?? ResolveTarget(config)!;
            var box = config.BoxBounds();
            var random = new Random(config.Seed);
            int n = config.Samples;
            var x = new double[n * d];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i * d] = box.XMin + (box.XMax - box.XMin) * random.NextDouble();
                if (d == 2)
                    x[i * d + 1] = box.YMin + (box.YMax - box.YMin) * random.NextDouble();
            }
            for (int i = 0; i < n; i++)
            {
                double clean = target.Evaluate(x[i * d], d == 2 ? x[i * d + 1] : 0);
                if (!double.IsFinite(clean) || Math.Abs(clean) > FitConfig.MaxMagnitude)
                    throw BadValue(config.Expression is null ? "target" : "expression", config.Expression ?? target.Name, clean, x[i * d], d == 2 ? x[i * d + 1] : null);
                y[i] = clean + config.Noise * Gaussian(random);
            }
            string description = target.Name == "expression" ? $"expression {config.Expression}" : target.Name;
            return new Problem { Box = box, Inputs = x, Targets = y, Reference = target, Description = description };
        }

        public static Problem ForPde(FitConfig config)
        {
            var pde = FitPde.Get(config.Pde!);
            int d = pde.Dimension;
            var box = config.BoxBounds();
            var collocationBox = config.CollocationBounds();
            Func<double, double, double> rhs = FitTargets.Contains(config.Rhs)
                ? FitTargets.Create(config.Rhs!, null, "rhs").Evaluate
                : Expression.Parse(config.Rhs!).Evaluate;
            var random = new Random(config.Seed);
            int m = config.Collocation ?? config.Samples;
            var points = new double[m * d];
            var g = new double[m];
            for (int i = 0; i < m; i++)
            {
                points[i * d] = collocationBox.XMin + (collocationBox.XMax - collocationBox.XMin) * random.NextDouble();
                if (d == 2)
                    points[i * d + 1] = collocationBox.YMin + (collocationBox.YMax - collocationBox.YMin) * random.NextDouble();
                g[i] = rhs(points[i * d], d == 2 ? points[i * d + 1] : 0);
                if (!double.IsFinite(g[i]) || Math.Abs(g[i]) > FitConfig.MaxMagnitude)
                    throw BadValue("rhs", config.Rhs!, g[i], points[i * d], d == 2 ? points[i * d + 1] : null);
            }

            Func<double, double, double>? exact = config.Exact is null ? null : Expression.Parse(config.Exact).Evaluate;
            // Dirichlet values: as given, else the exact solution's, else zero.
            var boundaryPoints = new List<double>();
            var boundaryValues = new List<double>();
            if (d == 1)
            {
                double left = config.Boundary?[0] ?? exact?.Invoke(box.XMin, 0) ?? 0;
                double right = config.Boundary?[1] ?? exact?.Invoke(box.XMax, 0) ?? 0;
                boundaryPoints.AddRange([box.XMin, box.XMax]);
                boundaryValues.AddRange([left, right]);
            }
            else
            {
                const int perEdge = 25;
                for (int k = 0; k < perEdge; k++)
                {
                    double t = (double)k / perEdge;
                    double bx = box.XMin + t * (box.XMax - box.XMin), by = box.YMin + t * (box.YMax - box.YMin);
                    double bx2 = box.XMax - t * (box.XMax - box.XMin), by2 = box.YMax - t * (box.YMax - box.YMin);
                    foreach (var (px, py) in ((double, double)[])[(bx, box.YMin), (box.XMax, by), (bx2, box.YMax), (box.XMin, by2)])
                    {
                        boundaryPoints.AddRange([px, py]);
                        boundaryValues.Add(config.Boundary?[0] ?? exact?.Invoke(px, py) ?? 0);
                    }
                }
            }

            string? source = null;
            FitTarget? reference = null;
            if (exact is not null)
            {
                reference = new FitTarget("exact", d, exact);
                source = "formula";
            }
            else if (pde.ReferenceWavenumberSquared is { } wavenumberSquared)
            {
                double k2 = wavenumberSquared(config.Wavenumber);
                reference = new FitTarget("reference", 1, ReferenceSolution.Solve(box.XMin, box.XMax, boundaryValues[0], boundaryValues[1], k2, x => rhs(x, 0)));
                source = "finite differences";
            }

            return new Problem
            {
                Box = box,
                Inputs = points,
                Reference = reference,
                ExactSource = source,
                Description = $"{pde.Name} {pde.Equation}, g = {config.Rhs}",
                RhsValues = Tensor.FromArray(g, m, 1),
                BoundaryPoints = Tensor.FromArray(boundaryPoints.ToArray(), boundaryValues.Count, d),
                BoundaryValues = Tensor.FromArray(boundaryValues.ToArray(), boundaryValues.Count, 1),
            };
        }

        public Func<Tensor<double>> Objective(FitConfig config, Mlp<double> model, Tensor<double>[] parameters)
        {
            int d = config.InputDimension;
            double l2 = config.L2;
            Tensor<double> Penalty(Tensor<double> loss)
            {
                if (l2 == 0)
                    return loss;
                Tensor<double>? sum = null;
                foreach (var p in parameters)
                    sum = sum is null ? p.Square().Sum() : sum + p.Square().Sum();
                return loss + sum! * l2;
            }

            if (!config.IsPde)
            {
                var x = Tensor.FromArray(Inputs, Targets!.Length, d);
                var y = Tensor.FromArray(Targets, Targets.Length, 1);
                var loss = FitLoss.Get(config.Loss).Compute;
                return () => Penalty(loss(model.Forward(x), y));
            }

            var pde = FitPde.Get(config.Pde!);
            var collocation = Tensor.FromArray(Inputs, Inputs.Length / d, d).RequireGrad();
            double pdeWeight = config.PdeWeight, boundaryWeight = config.BoundaryWeight, k = config.Wavenumber;
            return () =>
            {
                var residual = PdeResidual.Compute(pde, model.Forward, collocation, RhsValues!, k);
                var loss = residual.Square().Mean() * pdeWeight;
                var mismatch = model.Forward(BoundaryPoints!) - BoundaryValues!;
                return Penalty(loss + mismatch.Square().Mean() * boundaryWeight);
            };
        }

        /// <summary>‖u − u*‖/‖u*‖ over 1,001 points per axis of the box (2-D: 101 per axis).</summary>
        public double? RelativeError(Mlp<double> model)
        {
            if (Reference is null)
                return null;
            int d = Reference.InputDimension;
            int perAxis = d == 1 ? 1001 : 101, count = d == 1 ? perAxis : perAxis * perAxis;
            var points = new double[count * d];
            var exact = new double[count];
            for (int i = 0; i < count; i++)
            {
                double px = Box.XMin + (Box.XMax - Box.XMin) * (i % perAxis) / (perAxis - 1);
                double py = d == 2 ? Box.YMin + (Box.YMax - Box.YMin) * (i / perAxis) / (perAxis - 1) : 0;
                points[i * d] = px;
                if (d == 2)
                    points[i * d + 1] = py;
                exact[i] = Reference.Evaluate(px, py);
            }
            double[] predicted;
            using (Autograd.NoGrad())
                predicted = model.Forward(Tensor.FromArray(points, count, d)).ToArray();
            double error = 0, norm = 0;
            for (int i = 0; i < count; i++)
            {
                error += (predicted[i] - exact[i]) * (predicted[i] - exact[i]);
                norm += exact[i] * exact[i];
            }
            return norm == 0 ? Math.Sqrt(error / count) : Math.Sqrt(error / norm);
        }
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
