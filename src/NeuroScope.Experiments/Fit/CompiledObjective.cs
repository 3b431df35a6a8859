using NeuroScope.Compile;
using NeuroScope.Diagnostics;

namespace NeuroScope.Experiments.Fit;

/// <summary>
/// The fit's objective as compiled steps: one plan gives the loss and the parameters' gradients (left in each
/// parameter's Grad, where the optimizer reads them), one gives the Hessian-vector products of the sharpness
/// estimate. Both run the same ops in the same order as the dynamic engine, so a seeded run's numbers are unchanged.
/// </summary>
internal sealed class CompiledObjective
{
    private readonly Tensor<double>[] _parameters;
    private readonly CompiledFunction<double> _step;
    private readonly Func<Tensor<double>> _objective;
    private CompiledHessian<double>? _hessian;

    public CompiledObjective(Func<Tensor<double>> objective, Tensor<double>[] parameters)
    {
        _objective = objective;
        _parameters = parameters;
        _step = Compiler.Compile<double>(_ =>
        {
            var loss = objective();
            return [loss, .. Autograd.Grad([loss], parameters)];
        });
    }

    /// <summary>The loss at the parameters' current values; their gradients are left in each parameter's Grad.</summary>
    public double LossAndGradients()
    {
        var outputs = _step.Run();
        for (int p = 0; p < _parameters.Length; p++)
            _parameters[p].Grad = outputs[1 + p];
        return outputs[0].Item();
    }

    /// <summary>The Hessian of the objective at the parameters' current values; its products replay one compiled plan.</summary>
    public HessianOperator<double> Hessian() => (_hessian ??= new CompiledHessian<double>(_objective, _parameters)).At();
}
