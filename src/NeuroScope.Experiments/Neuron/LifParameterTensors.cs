namespace NeuroScope.Experiments.Neuron;

/// <summary>The LIF parameters as scalar tensors, so that a simulation written in tensor ops can be differentiated with respect to them.</summary>
/// <remarks>An optimizer can update the tensors in place (<c>AsSpan()</c>); <see cref="ToParameters"/> reads them back, validated.</remarks>
public sealed class LifParameterTensors
{
    private LifParameterTensors(Tensor<double> tau, Tensor<double> vRest, Tensor<double> vThreshold, Tensor<double> vReset)
    {
        Tau = tau;
        VRest = vRest;
        VThreshold = vThreshold;
        VReset = vReset;
    }

    /// <summary>tau (ms) as a scalar tensor.</summary>
    public Tensor<double> Tau { get; }

    /// <summary>v_rest (mV) as a scalar tensor.</summary>
    public Tensor<double> VRest { get; }

    /// <summary>v_threshold (mV) as a scalar tensor.</summary>
    public Tensor<double> VThreshold { get; }

    /// <summary>v_reset (mV) as a scalar tensor.</summary>
    public Tensor<double> VReset { get; }

    /// <summary>Scalar tensors holding <paramref name="parameters"/>; those named in <paramref name="requireGrad"/> require gradients.</summary>
    public static LifParameterTensors From(LifParameters parameters, IReadOnlyList<string>? requireGrad = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        var tensors = new LifParameterTensors(Tensor.Scalar(parameters.Tau), Tensor.Scalar(parameters.VRest),
            Tensor.Scalar(parameters.VThreshold), Tensor.Scalar(parameters.VReset));
        if (requireGrad is not null)
        {
            LifParameters.CheckNames(requireGrad);
            foreach (var name in requireGrad)
                tensors.Get(name).RequiresGrad = true;
        }
        return tensors;
    }

    /// <summary>The tensor of the parameter called <paramref name="name"/>.</summary>
    public Tensor<double> Get(string name) => LifParameters.IndexOf(name) switch
    {
        0 => Tau,
        1 => VRest,
        2 => VThreshold,
        _ => VReset,
    };

    /// <summary>The current values as a validated <see cref="LifParameters"/>.</summary>
    public LifParameters ToParameters() => new(Tau.Item(), VRest.Item(), VThreshold.Item(), VReset.Item());
}
