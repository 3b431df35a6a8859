using System.Numerics;

namespace NeuroScope.Diagnostics;

/// <summary>
/// Loss landscapes: the loss along one direction, L(θ + α·d), or over a plane, L(θ + α·d + β·e), around the
/// parameters' current values θ, with given directions or random Gaussian ones normalized to the parameters'
/// scale (Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets"). The parameters are changed in place
/// while the grid is evaluated (inside a no-grad scope) and restored to their exact original values afterwards,
/// even when the loss throws.
/// </summary>
public static class LossLandscape
{
    /// <summary>The loss L(θ + α·d) for α on an even grid of <paramref name="points"/> values from <paramref name="start"/> to <paramref name="stop"/>.</summary>
    /// <param name="loss">Computes the scalar loss from <paramref name="parameters"/> with tensor operations.</param>
    /// <param name="parameters">The tensors to move; they are restored afterwards.</param>
    /// <param name="direction">The direction d, flat over the parameters, used as given; null for a random one (seeded, normalized by <paramref name="normalization"/>).</param>
    /// <param name="start">The first α.</param>
    /// <param name="stop">The last α (greater than <paramref name="start"/>).</param>
    /// <param name="points">The number of grid values (at least 2).</param>
    /// <param name="normalization">How a random direction is scaled to the parameters; ignored for a given direction.</param>
    /// <param name="seed">Seeds the random direction.</param>
    public static LossLine<T> Line<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters, Tensor<T>? direction = null,
        double start = -1.0, double stop = 1.0, int points = 21,
        DirectionNormalization normalization = DirectionNormalization.Filter, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        int n = ParameterVector.TotalLength(parameters);
        var alphas = Grid(start, stop, points, nameof(start), nameof(stop), nameof(points));
        var d = ResolveDirection(direction, parameters, n, normalization, new Random(seed), nameof(direction));

        var losses = new double[points];
        var dd = DenseVector.FromTensor(d);
        Evaluate(parameters, (origin, current) =>
        {
            for (int i = 0; i < points; i++)
            {
                Move(origin, current, alphas[i], dd, 0.0, null);
                losses[i] = LossValue(loss);
            }
        });
        return new LossLine<T>(alphas, losses, d);
    }

    /// <summary>
    /// The loss L(θ + α·d + β·e) on the grid of α and β each taking <paramref name="points"/> even values from
    /// <paramref name="start"/> to <paramref name="stop"/>; Losses[i, j] is at (α_i, β_j).
    /// </summary>
    /// <param name="loss">Computes the scalar loss from <paramref name="parameters"/> with tensor operations.</param>
    /// <param name="parameters">The tensors to move; they are restored afterwards.</param>
    /// <param name="firstDirection">The direction d, flat over the parameters, used as given; null for a random one.</param>
    /// <param name="secondDirection">The direction e, likewise; null for a random one independent of d.</param>
    /// <param name="start">The first coefficient on both axes.</param>
    /// <param name="stop">The last coefficient on both axes (greater than <paramref name="start"/>).</param>
    /// <param name="points">The number of grid values per axis (at least 2).</param>
    /// <param name="normalization">How random directions are scaled to the parameters; ignored for given directions.</param>
    /// <param name="seed">Seeds the random directions.</param>
    public static LossSurface<T> Surface<T>(Func<Tensor<T>> loss, IReadOnlyList<Tensor<T>> parameters,
        Tensor<T>? firstDirection = null, Tensor<T>? secondDirection = null,
        double start = -1.0, double stop = 1.0, int points = 21,
        DirectionNormalization normalization = DirectionNormalization.Filter, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        int n = ParameterVector.TotalLength(parameters);
        var coefficients = Grid(start, stop, points, nameof(start), nameof(stop), nameof(points));
        var random = new Random(seed);
        var d = ResolveDirection(firstDirection, parameters, n, normalization, random, nameof(firstDirection));
        var e = ResolveDirection(secondDirection, parameters, n, normalization, random, nameof(secondDirection));

        var losses = new double[points, points];
        var dd = DenseVector.FromTensor(d);
        var ee = DenseVector.FromTensor(e);
        Evaluate(parameters, (origin, current) =>
        {
            for (int i = 0; i < points; i++)
            {
                for (int j = 0; j < points; j++)
                {
                    Move(origin, current, coefficients[i], dd, coefficients[j], ee);
                    losses[i, j] = LossValue(loss);
                }
            }
        });
        return new LossSurface<T>(coefficients, (double[])coefficients.Clone(), losses, d, e);
    }

    /// <summary>A random Gaussian direction, flat over <paramref name="parameters"/>, rescaled by <paramref name="normalization"/> (filter normalization by default).</summary>
    public static Tensor<T> RandomDirection<T>(IReadOnlyList<Tensor<T>> parameters,
        DirectionNormalization normalization = DirectionNormalization.Filter, int seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        RandomDirection(parameters, ParameterVector.TotalLength(parameters), normalization, new Random(seed));

    /// <summary>
    /// A copy of <paramref name="direction"/> rescaled to the parameters: per tensor (‖dᵢ‖ = ‖θᵢ‖) or per filter
    /// (‖dᵢ,ⱼ‖ = ‖θᵢ,ⱼ‖ for each row j of a parameter of rank ≥ 2, per tensor for the others). A zero block of d stays zero.
    /// </summary>
    public static Tensor<T> NormalizeDirection<T>(Tensor<T> direction, IReadOnlyList<Tensor<T>> parameters, DirectionNormalization normalization)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(direction);
        int n = ParameterVector.TotalLength(parameters);
        ParameterVector.RequireLength(direction, n, nameof(direction));
        if (!Enum.IsDefined(normalization))
            throw new ArgumentOutOfRangeException(nameof(normalization), normalization, $"normalization is {normalization}; allowed: None, Tensor, Filter.");
        var result = DenseVector.FromTensor(direction);
        if (normalization != DirectionNormalization.None)
        {
            int offset = 0;
            for (int p = 0; p < parameters.Count; p++)
            {
                var theta = parameters[p];
                if (theta.Length == 0)
                    continue;
                int block = normalization == DirectionNormalization.Filter && theta.Rank >= 2 ? theta.Length / theta.Dims[0] : theta.Length;
                for (int start = 0; start < theta.Length; start += block)
                    ScaleBlock(result.AsSpan(offset + start, block), theta.Data.AsSpan(start, block));
                offset += theta.Length;
            }
        }
        return DenseVector.ToTensor<T>(result);
    }

    private static void ScaleBlock<T>(Span<double> d, ReadOnlySpan<T> theta) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double thetaSquares = 0, dSquares = 0;
        for (int i = 0; i < d.Length; i++)
        {
            double t = double.CreateTruncating(theta[i]);
            thetaSquares += t * t;
            dSquares += d[i] * d[i];
        }
        double factor = dSquares > 0 ? Math.Sqrt(thetaSquares / dSquares) : 0.0;
        for (int i = 0; i < d.Length; i++)
            d[i] *= factor;
    }

    private static Tensor<T> RandomDirection<T>(IReadOnlyList<Tensor<T>> parameters, int n, DirectionNormalization normalization, Random random)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        NormalizeDirection(DenseVector.ToTensor<T>(DenseVector.Gaussian(n, random)), parameters, normalization);

    private static Tensor<T> ResolveDirection<T>(Tensor<T>? given, IReadOnlyList<Tensor<T>> parameters, int n,
        DirectionNormalization normalization, Random random, string parameterName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (given is null)
            return RandomDirection(parameters, n, normalization, random);
        ParameterVector.RequireLength(given, n, parameterName);
        return new Tensor<T>(given.ToArray(), [n]);
    }

    private static double[] Grid(double start, double stop, int points, string startName, string stopName, string pointsName)
    {
        if (!double.IsFinite(start))
            throw new ArgumentOutOfRangeException(startName, start, $"{startName} is {start}; it must be finite.");
        if (!double.IsFinite(stop) || !(stop > start))
            throw new ArgumentOutOfRangeException(stopName, stop, $"{stopName} is {stop}; it must be finite and greater than {startName} ({start}).");
        if (points < 2)
            throw new ArgumentOutOfRangeException(pointsName, points, $"{pointsName} is {points}; a grid needs at least 2 points.");
        var grid = new double[points];
        for (int i = 0; i < points; i++)
            grid[i] = i == points - 1 ? stop : start + (stop - start) * i / (points - 1);
        return grid;
    }

    // Saves the parameters' values, runs the grid, and always writes the saved values back bit for bit.
    private static void Evaluate<T>(IReadOnlyList<Tensor<T>> parameters, Action<double[], T[][]> run)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var saved = new T[parameters.Count][];
        var current = new T[parameters.Count][];
        for (int p = 0; p < saved.Length; p++)
        {
            saved[p] = parameters[p].ToArray();
            current[p] = parameters[p].Data;
        }
        var origin = new double[ParameterVector.TotalLength(parameters)];
        int offset = 0;
        for (int p = 0; p < saved.Length; p++)
        {
            for (int i = 0; i < saved[p].Length; i++)
                origin[offset + i] = double.CreateTruncating(saved[p][i]);
            offset += saved[p].Length;
        }
        try
        {
            using var _ = Autograd.NoGrad();
            run(origin, current);
        }
        finally
        {
            for (int p = 0; p < saved.Length; p++)
                saved[p].CopyTo(current[p], 0);
        }
    }

    // θ ← θ₀ + α·d + β·e, computed in double and written in the parameters' type.
    private static void Move<T>(double[] origin, T[][] current, double alpha, double[] d, double beta, double[]? e)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = 0;
        for (int p = 0; p < current.Length; p++)
        {
            var data = current[p];
            for (int i = 0; i < data.Length; i++)
            {
                int k = offset + i;
                double value = origin[k] + alpha * d[k];
                if (e is not null)
                    value += beta * e[k];
                data[i] = T.CreateTruncating(value);
            }
            offset += data.Length;
        }
    }

    private static double LossValue<T>(Func<Tensor<T>> loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var value = loss();
        if (value is null || value.Length != 1)
            throw new ArgumentException($"loss must return a scalar, but it returned shape {(value is null ? "null" : ShapeUtil.Format(value.Dims))}.", nameof(loss));
        return double.CreateTruncating(value.Item());
    }
}
