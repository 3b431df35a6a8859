using System.Numerics;

namespace NeuroScope.Nn;

/// <summary>
/// Regression losses between a prediction and a target of the same shape, composed of differentiable tensor
/// operations, so their gradients (in both arguments) can be differentiated again.
/// </summary>
/// <remarks>
/// Shapes must match exactly: broadcasting [n, 1] against [n] would silently compare every prediction with every
/// target, the classic mistake PyTorch only warns about.
/// </remarks>
public static class Losses
{
    /// <summary>Mean squared error: reduce((p − t)²); d/dp = 2(p − t), divided by the element count for the mean.</summary>
    public static Tensor<T> Mse<T>(Tensor<T> prediction, Tensor<T> target, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(prediction, target, nameof(Mse));
        return Reduce((prediction - target).Square(), reduction);
    }

    /// <summary>Mean absolute error: reduce(|p − t|); d/dp = sign(p − t) (0 where they are equal).</summary>
    public static Tensor<T> L1<T>(Tensor<T> prediction, Tensor<T> target, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(prediction, target, nameof(L1));
        return Reduce((prediction - target).Abs(), reduction);
    }

    /// <summary>
    /// Huber loss (PyTorch's <c>HuberLoss</c>): with d = p − t, ½d² where |d| &lt; δ and δ(|d| − ½δ) elsewhere;
    /// quadratic near zero, linear (gradient ±δ) in the tails, continuous with its first derivative at |d| = δ.
    /// </summary>
    /// <param name="delta">The threshold δ between the quadratic and the linear regime, positive.</param>
    public static Tensor<T> Huber<T>(Tensor<T> prediction, Tensor<T> target, double delta = 1.0, Reduction reduction = Reduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckShapes(prediction, target, nameof(Huber));
        if (!(delta > 0) || !double.IsFinite(delta))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "Huber: delta must be a positive, finite number.");
        T d = T.CreateTruncating(delta), half = T.CreateTruncating(0.5);
        var difference = prediction - target;
        var magnitude = difference.Abs();
        var quadratic = difference.Square() * half;
        var linear = (magnitude - d * half) * d;
        // Where sends the gradient only to the chosen branch, so each regime differentiates as its own formula.
        return Reduce(Tensor.Where(magnitude.Less(d), quadratic, linear), reduction);
    }

    private static Tensor<T> Reduce<T>(Tensor<T> terms, Reduction reduction) where T : unmanaged, IFloatingPointIeee754<T> => reduction switch
    {
        Reduction.Mean => terms.Mean(),
        Reduction.Sum => terms.Sum(),
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Allowed reductions: Mean, Sum."),
    };

    private static void CheckShapes<T>(Tensor<T> prediction, Tensor<T> target, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.Shape.SequenceEqual(target.Shape))
            throw new ArgumentException(
                $"{loss}: prediction has shape {ShapeUtil.Format(prediction.Shape)} but target has shape {ShapeUtil.Format(target.Shape)}; they must match (reshape one of them, e.g. target.Reshape(-1, 1)).",
                nameof(target));
    }
}
