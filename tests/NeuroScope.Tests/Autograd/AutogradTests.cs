namespace NeuroScope.Tests.Autodiff;

using Autograd = NeuroScope.Autograd;

public class AutogradTests
{
    private static Tensor<double> Leaf(params double[] values) => Tensor.FromArray(values).RequireGrad();

    [Fact]
    public void Backward_CalledTwice_AccumulatesGradients()
    {
        // d/dx Σ x² = 2x; two passes add up to 4x.
        var x = Leaf(1.0, -2.0, 3.0);

        x.Square().Sum().Backward();
        x.Square().Sum().Backward();

        Assert.Equal([4.0, -8.0, 12.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_CalledTwice_DoesNotWriteIntoTheFirstGradientsOtherOwners()
    {
        // z = a + b sends the same gradient tensor to both leaves; accumulating into one must not change the other.
        var a = Leaf(1.0);
        var b = Leaf(2.0);

        (a + b).Sum().Backward();
        (a * 3.0).Sum().Backward();

        Assert.Equal(4.0, a.Grad!.Item());
        Assert.Equal(1.0, b.Grad!.Item());
    }

    [Fact]
    public void Backward_AfterCreateGraphPass_AccumulatesEachLeafSeparately()
    {
        // With createGraph the first pass hands a and b the same gradient tensor (the seed, passed through by Add).
        // A later plain pass accumulates in place, which must not leak into the other leaf: a.Grad = 1 + 3, b.Grad = 1.
        var a = Leaf(1.0);
        var b = Leaf(2.0);

        Autograd.Backward(a + b, createGraph: true);
        (a * 3.0).Backward();

        Assert.Equal(4.0, a.Grad!.Item());
        Assert.Equal(1.0, b.Grad!.Item());
    }

    [Fact]
    public void Backward_AfterCreateGraphPass_WithRecordedGradient_StillAccumulates()
    {
        // f = a·w: with createGraph, a.Grad = w is itself recorded (w requires grad). A later plain pass must add
        // its w to it (3 + 3), not replace it.
        var a = Leaf(2.0);
        var w = Leaf(3.0);

        Autograd.Backward(a * w, createGraph: true);
        bool recorded = a.Grad!.RequiresGrad;
        (a * w).Backward();

        Assert.True(recorded);
        Assert.Equal(6.0, a.Grad!.Item());
        Assert.Equal(4.0, w.Grad!.Item());
    }

    [Fact]
    public void Backward_AfterCreateGraphPass_LeavesTheCallersOutputGradientUnchanged()
    {
        // x + 0 passes the output gradient v straight through to x; accumulating later must not write into v.
        var x = Leaf(1.0, 2.0);
        var v = Tensor.FromArray([5.0, 6.0]);

        (x + 0.0).Backward(v, createGraph: true);
        x.Sum().Backward();

        Assert.Equal([5.0, 6.0], v.ToArray());
        Assert.Equal([6.0, 7.0], x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGrad_AfterCreateGraphPass_ClearsOnlyItsOwnGradient()
    {
        var a = Leaf(1.0);
        var b = Leaf(2.0);
        Autograd.Backward(a + b, createGraph: true);

        a.ZeroGrad();

        Assert.Equal(0.0, a.Grad!.Item());
        Assert.Equal(1.0, b.Grad!.Item());
    }

    [Fact]
    public void ZeroGrad_ZeroesTheAccumulatedGradient_AndTheNextPassStartsFresh()
    {
        var x = Leaf(1.0, 2.0);
        (x * 5.0).Sum().Backward();

        x.ZeroGrad();
        var zeroed = x.Grad!.ToArray();
        x.Square().Sum().Backward();

        Assert.Equal([0.0, 0.0], zeroed);
        Assert.Equal([2.0, 4.0], x.Grad!.ToArray());
    }

    [Fact]
    public void ZeroGrad_WithoutGradient_DoesNothing()
    {
        var x = Leaf(1.0);

        x.ZeroGrad();

        Assert.Null(x.Grad);
    }

    [Fact]
    public void Detach_CutsTheGraph_SoOnlyTheAttachedPathContributes()
    {
        // f = x · detach(x²): the detached factor is a constant c = x², so df/dx = c = 9 at x = 3 (not 3x² = 27).
        var x = Leaf(3.0);

        var detached = x.Square().Detach();
        (x * detached).Sum().Backward();

        Assert.False(detached.RequiresGrad);
        Assert.True(detached.IsLeaf);
        Assert.Equal(9.0, x.Grad!.Item());
    }

    [Fact]
    public void Detach_SharesValuesWithTheOriginal()
    {
        var x = Leaf(1.0, 2.0);

        var detached = x.Detach();
        detached.AsSpan()[0] = 7.0;

        Assert.Equal(7.0, x.ToArray()[0]);
    }

    [Fact]
    public void NoGrad_RecordsNothing_AndNests()
    {
        var x = Leaf(1.0, 2.0);
        Tensor<double> insideOuter, insideInner, afterInner, afterBoth;
        bool enabledAfterInner;

        using (Autograd.NoGrad())
        {
            using (Autograd.NoGrad())
                insideInner = x * 2.0;
            enabledAfterInner = Autograd.IsGradEnabled;
            afterInner = x.Exp();
            insideOuter = x + x;
        }
        afterBoth = x * 2.0;

        Assert.False(insideInner.RequiresGrad);
        Assert.False(enabledAfterInner);
        Assert.False(afterInner.RequiresGrad);
        Assert.False(insideOuter.RequiresGrad);
        Assert.True(insideOuter.IsLeaf);
        Assert.True(Autograd.IsGradEnabled);
        Assert.True(afterBoth.RequiresGrad);
    }

    [Fact]
    public void NoGrad_AppliesOnlyToTheThreadThatOpenedIt()
    {
        var x = Leaf(1.0);
        bool recordedElsewhere = false;

        using (Autograd.NoGrad())
        {
            var other = new Thread(() => recordedElsewhere = (x * 2.0).RequiresGrad);
            other.Start();
            other.Join();
        }

        Assert.True(recordedElsewhere);
    }

    [Fact]
    public void NoGrad_ResultStillHasItsValues()
    {
        var x = Leaf(1.0, 2.0);

        Tensor<double> y;
        using (Autograd.NoGrad())
            y = x * 3.0;

        Assert.Equal([3.0, 6.0], y.ToArray());
    }

    [Fact]
    public void Backward_NonScalarWithoutOutputGradient_ThrowsSayingSo()
    {
        var x = Leaf(1.0, 2.0);
        var y = x * 2.0;

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Contains("[2]", error.Message);
        Assert.Contains("scalar", error.Message);
        Assert.Contains("output gradient", error.Message);
    }

    [Fact]
    public void Backward_OnTensorThatDoesNotRequireGrad_ThrowsSayingSo()
    {
        var x = Tensor.FromArray([1.0, 2.0]);
        var y = x.Square().Sum();

        var error = Assert.Throws<InvalidOperationException>(() => y.Backward());

        Assert.Contains("does not require grad", error.Message);
    }

    [Fact]
    public void Grad_OnTensorThatDoesNotRequireGrad_ThrowsSayingSo()
    {
        var x = Tensor.FromArray([1.0, 2.0]);

        var error = Assert.Throws<InvalidOperationException>(() => Autograd.Grad(x.Sum(), x));

        Assert.Contains("does not require grad", error.Message);
    }

    [Fact]
    public void Backward_WithOutputGradient_GivesTheVectorJacobianProduct()
    {
        // y = x², so x.Grad = v ⊙ 2x.
        var x = Leaf(1.0, -2.0, 0.5);
        var v = Tensor.FromArray([3.0, 0.5, -4.0]);

        x.Square().Backward(v);

        Assert.Equal([6.0, -2.0, -4.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_OutputGradientOfWrongShape_ThrowsNamingBothShapes()
    {
        var x = Leaf(1.0, 2.0);
        var y = x * 2.0;

        var error = Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones<double>(3)));

        Assert.Contains("[3]", error.Message);
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void Grad_UnusedInput_GetsZerosAndNoInputGradIsTouched()
    {
        var x = Leaf(1.0, 2.0);
        var unused = Leaf(5.0, 6.0, 7.0);

        var grads = Autograd.Grad([(x * x).Sum()], [x, unused]);

        Assert.Equal([2.0, 4.0], grads[0].ToArray());
        Assert.Equal([0.0, 0.0, 0.0], grads[1].ToArray());
        Assert.Equal([3], grads[1].Shape.ToArray());
        Assert.Null(x.Grad);
        Assert.Null(unused.Grad);
    }

    [Fact]
    public void Grad_LeavesExistingGradUntouched()
    {
        var x = Leaf(2.0);
        (x * 10.0).Backward();

        var g = Autograd.Grad(x.Square(), x);

        Assert.Equal(4.0, g.Item());
        Assert.Equal(10.0, x.Grad!.Item());
    }

    [Fact]
    public void Grad_WithRespectToAnIntermediate_GivesItsAdjoint()
    {
        // f = sin(h) with h = 3x: df/dh = cos(h).
        var x = Leaf(0.4);
        var h = x * 3.0;

        var g = Autograd.Grad(h.Sin(), h);

        Assert.Equal(Math.Cos(1.2), g.Item(), 1e-15);
    }

    [Fact]
    public void SharedSubexpression_GetsTheSumOfItsGradients()
    {
        // f = x·x + x·3 uses x three times: df/dx = 2x + 3.
        var x = Leaf(1.5, -1.0);

        (x * x + x * 3.0).Sum().Backward();

        Assert.Equal([6.0, 1.0], x.Grad!.ToArray());
    }

    [Fact]
    public void SharedIntermediate_UsedOnTwoPaths_GetsTheSummedGradient()
    {
        // h = x²; f = h·h + exp(h) → df/dx = (2h + eʰ)·2x.
        var x = Leaf(0.7);
        var h = x.Square();

        (h * h + h.Exp()).Sum().Backward();

        double hv = 0.49;
        Assert.Equal((2 * hv + Math.Exp(hv)) * 2 * 0.7, x.Grad!.Item(), 1e-14);
    }

    [Fact]
    public void Relu_DerivativeAtExactlyZero_IsZero()
    {
        var x = Leaf(-1.0, 0.0, 2.0);

        x.Relu().Sum().Backward();

        Assert.Equal([0.0, 0.0, 1.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Max_TiedMaxima_ShareTheGradientEqually()
    {
        var x = Leaf(1.0, 3.0, 3.0, -2.0);

        x.Max().Backward();

        Assert.Equal([0.0, 0.5, 0.5, 0.0], x.Grad!.ToArray());
    }

    [Fact]
    public void MaxOverAxis_TiedMaxima_ShareTheGradientWithinTheirRow()
    {
        var x = Tensor.FromArray([2.0, 2.0, 2.0, 1.0, 5.0, 0.0], 2, 3).RequireGrad();

        x.Max(1).Sum().Backward();

        Assert.Equal([1.0 / 3, 1.0 / 3, 1.0 / 3, 0.0, 1.0, 0.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Maximum_Tie_SendsTheGradientToTheFirstOperand()
    {
        var a = Leaf(2.0, 1.0);
        var b = Leaf(2.0, 4.0);

        a.Maximum(b).Sum().Backward();

        Assert.Equal([1.0, 0.0], a.Grad!.ToArray());
        Assert.Equal([0.0, 1.0], b.Grad!.ToArray());
    }

    [Fact]
    public void Clamp_GradientIsOneInsideTheRangeIncludingItsBounds()
    {
        var x = Leaf(-2.0, -1.0, 0.5, 1.0, 3.0);

        x.Clamp(-1.0, 1.0).Sum().Backward();

        Assert.Equal([0.0, 1.0, 1.0, 1.0, 0.0], x.Grad!.ToArray());
    }

    [Fact]
    public void Backward_WithCreateGraph_GivesADifferentiableGrad()
    {
        // f = Σ p³: p.Grad = 3p², and d/dp Σ p.Grad = 6p.
        var p = Leaf(1.0, -2.0);

        Autograd.Backward(p.Pow(3.0).Sum(), createGraph: true);
        var first = p.Grad!;
        var second = Autograd.Grad(first.Sum(), p);

        Assert.True(first.RequiresGrad);
        Assert.Equal([3.0, 12.0], first.ToArray());
        Assert.Equal([6.0, -12.0], second.ToArray());
    }

    [Fact]
    public void Backward_WithoutCreateGraph_GivesAConstantGrad()
    {
        var p = Leaf(1.0, -2.0);

        p.Pow(3.0).Sum().Backward();

        Assert.False(p.Grad!.RequiresGrad);
    }

    [Fact]
    public void Grad_ReturnedGradientsAreDifferentiableOnlyWithCreateGraph()
    {
        var x = Leaf(1.0);

        var plain = Autograd.Grad(x.Exp(), x);
        var recorded = Autograd.Grad(x.Exp(), x, createGraph: true);

        Assert.False(plain.RequiresGrad);
        Assert.True(recorded.RequiresGrad);
    }

    [Fact]
    public void Grad_SeveralOutputs_SumsTheirGradients()
    {
        // ∂/∂x (x² + 3x) with each output seeded by 1.
        var x = Leaf(2.0);

        var g = Autograd.Grad([x.Square(), x * 3.0], [x]);

        Assert.Equal(7.0, g[0].Item());
    }

    [Fact]
    public void Grad_WeightedOutputs_UseTheirOutputGradients()
    {
        // y = [x², x³] seeded by [2, −1]: 2·2x − 3x² = −4 at x = 2.
        var x = Leaf(2.0);
        var y = Tensor.Concat([x.Square(), x.Pow(3.0)]);

        var g = Autograd.Grad([y], [x], [Tensor.FromArray([2.0, -1.0])]);

        Assert.Equal(8.0 - 12.0, g[0].Item(), 1e-12);
    }

    [Fact]
    public void Grad_MismatchedOutputGradientCount_ThrowsNamingBothCounts()
    {
        var x = Leaf(2.0);

        var error = Assert.Throws<ArgumentException>(() => Autograd.Grad([x.Square()], [x], [null, null]));

        Assert.Contains("1 outputs", error.Message);
        Assert.Contains("2 output gradients", error.Message);
    }

    [Fact]
    public void RequiresGrad_TurnedOffOnANonLeaf_ThrowsPointingToDetach()
    {
        var y = Leaf(1.0) * 2.0;

        var error = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);

        Assert.Contains("Detach", error.Message);
    }

    [Fact]
    public void Operations_OnTensorsThatNeedNoGrad_RecordNothing()
    {
        var x = Tensor.FromArray([1.0, 2.0]);
        var w = Leaf(3.0, 4.0);

        var constant = x.Exp() * x;
        var tracked = x * w;

        Assert.False(constant.RequiresGrad);
        Assert.True(constant.IsLeaf);
        Assert.True(tracked.RequiresGrad);
        Assert.False(tracked.IsLeaf);
    }

    [Fact]
    public void Backward_OnlyLeavesThatRequireGradReceiveGradients()
    {
        var x = Tensor.FromArray([1.0, 2.0]);
        var w = Leaf(3.0, 4.0);

        (x * w).Sum().Backward();

        Assert.Null(x.Grad);
        Assert.Equal([1.0, 2.0], w.Grad!.ToArray());
    }

    [Fact]
    public void Backward_BroadcastOperand_GetsGradientSummedToItsShape()
    {
        // y = a[2,3] + b[3]: each b_j is used twice, so ∂Σy/∂b = 2.
        var a = Tensor.Zeros<double>(2, 3).RequireGrad();
        var b = Leaf(1.0, 2.0, 3.0);

        (a + b).Sum().Backward();

        Assert.Equal([2.0, 2.0, 2.0], b.Grad!.ToArray());
        Assert.Equal(Enumerable.Repeat(1.0, 6), a.Grad!.ToArray());
    }

    [Fact]
    public void Backward_DeepChain_DoesNotOverflowTheStack()
    {
        // 20 000 nodes deep: the topological sort is iterative. d/dx (x + 1 + … + 1) = 1.
        var x = Leaf(0.0);
        var y = x;
        for (int i = 0; i < 20_000; i++)
            y = y + 1.0;

        y.Backward();

        Assert.Equal(20_000.0, y.Item());
        Assert.Equal(1.0, x.Grad!.Item());
    }
}
