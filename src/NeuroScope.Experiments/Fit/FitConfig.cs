using System.Globalization;
using NeuroScope.Experiments.Options;
using NeuroScope.Nn;

namespace NeuroScope.Experiments.Fit;

/// <summary>
/// Everything a function-approximation run depends on; every property is declared once as an option: a config.json key and a CLI option
/// (<c>learningRate</c> ↔ <c>--learning-rate</c>). <see cref="Validate"/> checks all of it before anything runs.
/// </summary>
public sealed record FitConfig
{
    /// <summary>The optimizers (<see cref="NeuroScope.Optim.Optimizers"/>): full-batch gradient descent θ ← θ − lr·∇L, heavy-ball momentum, Adam.</summary>
    public static IReadOnlyList<string> Optimizers => NeuroScope.Optim.Optimizers.Names;

    /// <summary>The data losses (<see cref="FitLoss"/>): mean squared error, mean absolute error, Huber.</summary>
    public static IReadOnlyList<string> LossNames => FitLoss.Names;

    /// <summary>The PDE residuals (<see cref="FitPde"/>): u'' = g, u'' + k²u = g, u_xx + u_yy = g.</summary>
    public static IReadOnlyList<string> PdeNames => FitPde.Names;

    /// <summary>The largest magnitude of a target, an input or a box bound: a fit of values beyond it means nothing in float64 plots and losses.</summary>
    public const double MaxMagnitude = 1e15;

    /// <summary>The most animation frames a run may keep (steps / frameEvery): each one holds the predictions on the plot grid.</summary>
    public const int MaxFrames = 5000;

    /// <summary>The most memory, in bytes, a run's estimate may need (activations and their gradients, frames); larger settings are refused before anything runs.</summary>
    public const long MaxMemoryBytes = 2L << 30;

    /// <summary>Number of inputs of the network and the target: 1 or 2.</summary>
    [Option("Inputs of the network and the target: 1 or 2.", Min = 1, Max = 2)]
    public int InputDimension { get; init; } = 1;

    /// <summary>Training samples drawn uniformly in the box (also the default number of collocation points).</summary>
    [Option("Training samples drawn uniformly in the box (also the default number of collocation points).", Min = 2, Max = 1_000_000)]
    public int Samples { get; init; } = 500;

    /// <summary>The training interval [min, max] (2-D: the square [min, max]², or [xmin, xmax, ymin, ymax]).</summary>
    [Option("Training interval min,max (2-D: the square, or xmin,xmax,ymin,ymax); pi is allowed, e.g. -2*pi,2*pi.", Syntax = typeof(BoxSyntax))]
    public double[] Box { get; init; } = [-2 * Math.PI, 2 * Math.PI];

    /// <summary>Standard deviation of the Gaussian noise added to the training targets.</summary>
    [Option("Standard deviation of the Gaussian noise on the training targets.", Min = 0, Max = 1e6)]
    public double Noise { get; init; } = 0.08;

    /// <summary>Seed of the samples, the noise and the initial weights.</summary>
    [Option("Seed of the samples, the noise and the initial weights.")]
    public int Seed { get; init; }

    /// <summary>A target from the registry (<see cref="FitTargets.Names"/>); ignored when an expression or a data file is given.</summary>
    [Option("A target from the registry; ignored when --expression or --data-file is given.", Choices = nameof(FitTargets.Names), ChoicesType = typeof(FitTargets))]
    public string Target { get; init; } = "sin";

    /// <summary>Parameters of the registry target overriding its defaults, e.g. {"a": 0.02} for poly.</summary>
    [Option("Target parameters overriding its defaults, as name=value pairs (e.g. a=0.02,c=-0.5 for poly).", Aliases = ["--params"])]
    public Dictionary<string, double>? TargetParameters { get; init; }

    /// <summary>A formula in x (and y) to fit instead of a registry target, e.g. "sin(3*x)*exp(-x^2/4)".</summary>
    [Option("A formula in x (and y) to fit instead, e.g. \"sin(3*x)*exp(-x^2/4)\" or \"sin(x)*cos(y)\".")]
    public string? Expression { get; init; }

    /// <summary>A CSV file of samples x[,y],target to fit instead of a generated target (a header line is allowed).</summary>
    [Option("A CSV file of samples x[,y],target to fit instead.", Aliases = ["--data"], Syntax = typeof(FilePathSyntax))]
    public string? DataFile { get; init; }

    /// <summary>Widths of the hidden layers.</summary>
    [Option("Hidden layer widths, e.g. 64,64 (none for a linear model; at most 16 layers).", Min = 1, Max = 4096)]
    public int[] Hidden { get; init; } = [64, 64];

    /// <summary>The nonlinearity between layers (tanh, relu, sigmoid, softplus, identity).</summary>
    [Option("The nonlinearity between layers.", Choices = nameof(Activations.Names), ChoicesType = typeof(Activations))]
    public string Activation { get; init; } = "tanh";

    /// <summary>gd (plain full-batch gradient descent), momentum or adam.</summary>
    [Option("gd (full-batch gradient descent), momentum or adam.", Choices = nameof(Optimizers))]
    public string Optimizer { get; init; } = "gd";

    /// <summary>The step size lr.</summary>
    [Option("The step size lr.", Min = 0, MinExclusive = true, Aliases = ["--lr"])]
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The momentum factor of the momentum optimizer.</summary>
    [Option("Momentum factor of --optimizer momentum.", Min = 0, Max = 0.999999)]
    public double Momentum { get; init; } = 0.9;

    /// <summary>Number of full-batch steps.</summary>
    [Option("Full-batch steps.", Min = 1, Max = 10_000_000)]
    public int Steps { get; init; } = 5000;

    /// <summary>A frame (predictions on the grid and the generalization error) every this many steps.</summary>
    [Option("A frame (predictions on the grid and the generalization error) every this many steps.", Min = 1, Max = 10_000_000)]
    public int FrameEvery { get; init; } = 10;

    /// <summary>The sharpness (top Hessian eigenvalue) every this many steps; 0 turns it off.</summary>
    [Option("The sharpness (top Hessian eigenvalue) every this many steps; 0 turns it off.", Min = 0, Max = 10_000_000)]
    public int SharpnessEvery { get; init; } = 20;

    /// <summary>Power iterations per sharpness estimate (each one Hessian-vector product), warm-started from the previous eigenvector.</summary>
    [Option("Power iterations per sharpness estimate, warm-started from the previous eigenvector.", Min = 1, Max = 1000)]
    public int PowerIterations { get; init; } = 20;

    /// <summary>Power iteration stops early once the eigenvalue's relative change is at most this (0: always take every iteration).</summary>
    [Option("Stop power iteration once the eigenvalue changes by at most this fraction; 0 takes every iteration.", Min = 0, Max = 1)]
    public double SharpnessTolerance { get; init; } = 1e-4;

    /// <summary>The plot grid extends the box by this fraction of its width on each side.</summary>
    [Option("The plot grid extends the box by this fraction of its width on each side.", Min = 0, Max = 10)]
    public double GridPadding { get; init; } = 0.5;

    /// <summary>Plot-grid points in 1-D.</summary>
    [Option("Plot-grid points in 1-D.", Min = 10, Max = 100_000)]
    public int GridPoints { get; init; } = 1200;

    /// <summary>Plot-grid points per axis in 2-D.</summary>
    [Option("Plot-grid points per axis in 2-D.", Name = "--grid-points-2d", Min = 5, Max = 400)]
    public int GridPoints2d { get; init; } = 60;

    /// <summary>The data loss: mse, l1 or huber (<see cref="FitLoss"/>).</summary>
    [Option("The data loss (huber: delta 1, squared for small errors and absolute for large ones).", Choices = nameof(LossNames))]
    public string Loss { get; init; } = "mse";

    /// <summary>Weight of the L2 penalty weight·Σθ² added to the loss.</summary>
    [Option("Weight of the L2 penalty weight·Σθ² added to the loss.", Min = 0, Max = 1e6)]
    public double L2 { get; init; }

    /// <summary>A PDE residual to learn instead of data (poisson1d, helmholtz1d, poisson2d); null to fit data.</summary>
    [Option("Learn a PDE's solution instead of data (none fits data).", Choices = nameof(PdeNames))]
    public string? Pde { get; init; }

    /// <summary>The right-hand side g of the PDE: a registry name or a formula in x (and y).</summary>
    [Option("Right-hand side g of the PDE: a registry name or a formula, e.g. \"-pi^2*sin(pi*x)\".")]
    public string? Rhs { get; init; }

    /// <summary>The wavenumber k of helmholtz1d.</summary>
    [Option("k of helmholtz1d.", Min = 0, Max = 1e6)]
    public double Wavenumber { get; init; } = 1.0;

    /// <summary>Collocation points for the PDE residual (default: as many as samples).</summary>
    [Option("Collocation points of the PDE residual (none: as many as --samples).", Min = 2, Max = 1_000_000)]
    public int? Collocation { get; init; }

    /// <summary>Where the collocation points lie (default: the box).</summary>
    [Option("Where the collocation points lie (none: the box).", Syntax = typeof(BoxSyntax))]
    public double[]? CollocationBox { get; init; }

    /// <summary>Weight of the mean squared PDE residual.</summary>
    [Option("Weight of the mean squared PDE residual.", Min = 0, Max = 1e12)]
    public double PdeWeight { get; init; } = 1.0;

    /// <summary>Dirichlet values: u at the left and right ends in 1-D, one value on the whole boundary in 2-D.</summary>
    [Option("Dirichlet values: u(left),u(right) in 1-D, one value on the whole boundary in 2-D.", Syntax = typeof(BoxSyntax))]
    public double[]? Boundary { get; init; }

    /// <summary>Weight of the mean squared boundary mismatch.</summary>
    [Option("Weight of the mean squared boundary mismatch.", Min = 0, Max = 1e12)]
    public double BoundaryWeight { get; init; } = 1.0;

    /// <summary>The exact solution of the PDE as a formula, for the error report (1-D PDEs fall back to a fine finite-difference solution).</summary>
    [Option("Exact PDE solution as a formula, for the error report (1-D default: a fine finite-difference solution).")]
    public string? Exact { get; init; }

    /// <summary>True when a PDE residual, not data, is learned.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPde => Pde is not null;

    /// <summary>The box as (xmin, xmax, ymin, ymax); y equals x for a two-number box.</summary>
    public (double XMin, double XMax, double YMin, double YMax) BoxBounds() => Bounds(Box);

    /// <summary>The collocation box as (xmin, xmax, ymin, ymax).</summary>
    public (double XMin, double XMax, double YMin, double YMax) CollocationBounds() => Bounds(CollocationBox ?? Box);

    private static (double, double, double, double) Bounds(double[] box) =>
        box.Length == 4 ? (box[0], box[1], box[2], box[3]) : (box[0], box[1], box[0], box[1]);

    /// <summary>Checks every field (ranges, known names, parsable formulas, readable data file); throws a <see cref="ConfigException"/> naming the first bad one.</summary>
    public void Validate()
    {
        OptionSet.For<FitConfig>().Validate(this);
        ValidateBox("box", Box);
        if (Expression is null && DataFile is null)
        {
            if (FitTargets.InputDimension(Target) != InputDimension && !IsPde)
                throw new ConfigException("target", Target,
                    $"it takes {FitTargets.InputDimension(Target)} input(s) but inputDimension is {InputDimension}; {InputDimension}-D targets: {string.Join(", ", FitTargets.Names.Where(n => FitTargets.InputDimension(n) == InputDimension))}");
            if (!IsPde)
                FitTargets.Create(Target, TargetParameters, "target");
        }
        if (Expression is not null)
            RequireFormula("expression", Expression);
        if (DataFile is not null && !File.Exists(DataFile))
            throw new ConfigException("dataFile", DataFile, Directory.Exists(DataFile) ? "it is a folder, not a CSV file" : "the file does not exist");
        if (Hidden is null || Hidden.Length > 16)
            throw new ConfigException("hidden", Hidden is null ? null : string.Join(",", Hidden), "at most 16 hidden layers");
        if (Pde is not null)
            ValidatePde();
        ValidateSources();
        ValidateResources();
        FunctionFit.CheckProblem(this);
    }

    // What to fit must be one thing, and a 1-D formula cannot use y.
    private void ValidateSources()
    {
        if (DataFile is not null && Expression is not null)
            throw new ConfigException("expression", Expression, "give either a data file or an expression, not both (the data file would be fitted and the expression ignored)");
        foreach (var (field, text) in new[] { ("expression", Expression), ("rhs", Rhs), ("exact", Exact) })
            if (text is not null && InputDimension == 1 && !FitTargets.Contains(text) && Fit.Expression.Parse(text).UsesY)
                throw new ConfigException(field, text, "it uses y, but inputDimension is 1; set inputDimension 2 (--input-dimension 2) or write it in x alone");
    }

    // Estimated before anything runs: the frames kept for the animation and the activations of one step.
    private void ValidateResources()
    {
        long frames = Steps / FrameEvery + 2;
        if (frames > MaxFrames)
            throw new ConfigException("frameEvery", FrameEvery,
                FormattableString.Invariant($"steps / frameEvery = {frames - 2} frames, and at most {MaxFrames} are kept for the animation; use frameEvery ≥ {(Steps + MaxFrames - 3) / (MaxFrames - 2)}"));
        long gridValues = InputDimension == 1 ? GridPoints : (long)GridPoints2d * GridPoints2d;
        long points = Math.Max(Samples, Collocation ?? 0) + gridValues;
        // Each hidden value is kept for the forward pass, its gradient, and the double backward of the sharpness and the PDE residuals.
        long activations = points * Math.Max(1, Hidden.Sum()) * 8L * (IsPde || SharpnessEvery > 0 ? 12 : 4);
        long bytes = activations + frames * gridValues * 8L;
        if (bytes > MaxMemoryBytes)
            throw new ConfigException("samples", Samples,
                FormattableString.Invariant($"with hidden {string.Join(",", Hidden)} this run needs about {bytes / (1 << 20):N0} MB, and the limit is {MaxMemoryBytes / (1 << 20):N0} MB; use fewer samples or narrower layers"));
    }

    private void ValidatePde()
    {
        string pde = ConfigException.RequireOneOf("pde", Pde, (IReadOnlyCollection<string>)PdeNames);
        int dimension = FitPde.Get(pde).Dimension;
        if (InputDimension != dimension)
            throw new ConfigException("inputDimension", InputDimension, $"pde '{pde}' needs inputDimension {dimension}");
        if (string.IsNullOrWhiteSpace(Rhs))
            throw new ConfigException("rhs", Rhs, "a PDE needs its right-hand side g: a registry name or a formula such as \"-pi^2*sin(pi*x)\"");
        if (FitTargets.Contains(Rhs))
        {
            if (FitTargets.InputDimension(Rhs) != dimension)
                throw new ConfigException("rhs", Rhs, $"pde '{pde}' needs a {dimension}-D right-hand side");
        }
        else
            RequireFormula("rhs", Rhs);
        if (Exact is not null)
            RequireFormula("exact", Exact);
        if (CollocationBox is not null)
            ValidateBox("collocationBox", CollocationBox);
        if (Boundary is not null)
        {
            int expected = dimension == 1 ? 2 : 1;
            if (Boundary.Length != expected)
                throw new ConfigException("boundary", Format(Boundary), dimension == 1 ? "give two values: u(left),u(right)" : "give one value: u on the boundary");
            foreach (double value in Boundary)
                if (!double.IsFinite(value))
                    throw new ConfigException("boundary", Format(Boundary), "values must be finite numbers");
        }
        if (DataFile is not null || Expression is not null)
            throw new ConfigException("pde", Pde, "a PDE is learned from its residual, without data: leave out expression and dataFile");
    }

    private void ValidateBox(string field, double[]? box)
    {
        if (box is null || (box.Length != 2 && !(box.Length == 4 && InputDimension == 2)))
            throw new ConfigException(field, box is null ? null : Format(box),
                InputDimension == 2 ? "give min,max (the square [min, max]²) or xmin,xmax,ymin,ymax" : "give min,max");
        foreach (double value in box)
            if (!double.IsFinite(value) || Math.Abs(value) > MaxMagnitude)
                throw new ConfigException(field, Format(box), FormattableString.Invariant($"values must be finite numbers within ±{MaxMagnitude:0e0}"));
        for (int i = 0; i < box.Length; i += 2)
            if (!(box[i] < box[i + 1]))
                throw new ConfigException(field, Format(box), "each min must be less than its max");
    }

    private static void RequireFormula(string field, string text)
    {
        try
        {
            Fit.Expression.Parse(text);
        }
        catch (ExpressionException e)
        {
            throw new ConfigException(field, text, $"it does not parse: {e.Problem} at position {e.Position}");
        }
    }

    private static string Format(double[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
