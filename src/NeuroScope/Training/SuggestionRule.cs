namespace NeuroScope.Training;

/// <summary>How a <see cref="LearningRateSuggestion"/> picks a learning rate from the finder's smoothed loss curve.</summary>
public enum SuggestionRule
{
    /// <summary>The point of most negative slope d(loss)/d(ln lr), by <c>np.gradient</c> (central differences inside, one-sided at the ends); on the finder's geometric grid this is Lightning's suggestion up to 2.x, which used unit spacing.</summary>
    LogLrGradient,

    /// <summary>The point of most negative slope d(loss)/d(lr), by <c>np.gradient</c> with the learning rates as coordinates, as current Lightning (<c>torch.gradient(losses, spacing=[lrs])</c>).</summary>
    LrGradient,

    /// <summary>fastai's "valley": the longest decreasing run of the loss (a longest strictly decreasing subsequence), and the point about two thirds into it.</summary>
    Valley,
}
