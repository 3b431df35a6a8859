namespace NeuroScope.Tests.Tensors;

public class TensorCreationTests
{
    private static Tensor<double> Matrix(double[,] values) => Tensor.FromArray(values);

    // ---------------------------------------------------------------- creation

    [Fact]
    public void ZerosOnesFull_HaveTheShapeAndValue()
    {
        var zeros = Tensor.Zeros<double>(2, 3);
        var ones = Tensor.Ones<float>(4);
        var full = Tensor.Full([3, 1], 2.5);

        Assert.Equal([2, 3], zeros.Shape.ToArray());
        Assert.Equal(new double[6], zeros.ToArray());
        Assert.Equal([1f, 1f, 1f, 1f], ones.ToArray());
        Assert.Equal([3, 1], full.Shape.ToArray());
        Assert.Equal([2.5, 2.5, 2.5], full.ToArray());
        Assert.False(zeros.RequiresGrad);
        Assert.True(zeros.IsLeaf);
    }

    [Fact]
    public void Scalar_HasRankZeroAndOneElement()
    {
        var s = Tensor.Scalar(4.25);

        Assert.Equal(0, s.Rank);
        Assert.Equal(1, s.Length);
        Assert.Equal(4.25, s.Item());
    }

    [Fact]
    public void ZerosLikeOnesLike_CopyTheShape()
    {
        var like = Tensor.Zeros<double>(2, 5);

        Assert.Equal([2, 5], Tensor.ZerosLike(like).Shape.ToArray());
        Assert.Equal(Enumerable.Repeat(1.0, 10), Tensor.OnesLike(like).ToArray());
    }

    [Fact]
    public void FromArray_CopiesTheValuesInRowMajorOrder()
    {
        double[] data = [1, 2, 3, 4, 5, 6];

        var t = Tensor.FromArray(data, 2, 3);
        data[0] = 99;

        Assert.Equal([2, 3], t.Shape.ToArray());
        Assert.Equal(1.0, t[0, 0]);
        Assert.Equal(6.0, t[1, 2]);
        Assert.Equal(4.0, t[1, 0]);
    }

    [Fact]
    public void FromArray_WithoutShape_IsAVector()
    {
        var t = Tensor.FromArray([1.0, 2.0, 3.0]);

        Assert.Equal([3], t.Shape.ToArray());
    }

    [Fact]
    public void FromArray_TwoDimensional_KeepsRowsAndColumns()
    {
        var t = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Assert.Equal([2, 3], t.Shape.ToArray());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], t.ToArray());
    }

    [Fact]
    public void Arange_ExcludesStop_AndSupportsNegativeSteps()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75], Tensor.Arange(0.0, 1.0, 0.25).ToArray());
        Assert.Equal([3.0, 2.0, 1.0], Tensor.Arange(3.0, 0.0, -1.0).ToArray());
        Assert.Equal([0f, 1f, 2f, 3f, 4f], Tensor.Arange<float>(5).ToArray());
        Assert.Empty(Tensor.Arange(1.0, 0.0, 1.0).ToArray());
    }

    [Fact]
    public void Arange_CountIsCeilingOfSpanOverStep_AsInNumPy()
    {
        // NumPy: len(arange(1, 1.3, 0.1)) = ceil((1.3 − 1)/0.1) = ceil(3.0000000000000004) = 4.
        var t = Tensor.Arange(1.0, 1.3, 0.1);

        Assert.Equal(4, t.Length);
        Assert.Equal(1.0 + 3 * 0.1, t[3]);
    }

    [Fact]
    public void Linspace_HitsBothEndpointsWithEvenSpacing()
    {
        var t = Tensor.Linspace(-1.0, 1.0, 5);

        Assert.Equal([-1.0, -0.5, 0.0, 0.5, 1.0], t.ToArray());
    }

    [Fact]
    public void Linspace_StopIsExact_EvenWhenTheStepIsNot()
    {
        // 0.1·(n − 1) need not round to the stop; the last element must be the stop itself, as in NumPy.
        var t = Tensor.Linspace(0.0, 0.7, 8);
        var f = Tensor.Linspace(0f, 0.7f, 8);

        Assert.Equal(8, t.Length);
        Assert.Equal(0.0, t[0]);
        Assert.Equal(0.7, t[7]);
        Assert.Equal(0.7f, f[7]);
        for (int i = 0; i < 8; i++)
            Assert.Equal(i * 0.1, t[i], 1e-15);
    }

    [Fact]
    public void Linspace_CountOneAndZero_AsInNumPy()
    {
        Assert.Equal([2.0], Tensor.Linspace(2.0, 5.0, 1).ToArray());
        Assert.Empty(Tensor.Linspace(2.0, 5.0, 0).ToArray());
    }

    [Fact]
    public void Uniform_SameSeed_GivesSameValues_InRange()
    {
        var first = Tensor.Uniform([1000], -2.0, 3.0, seed: 42);
        var again = Tensor.Uniform([1000], -2.0, 3.0, seed: 42);
        var other = Tensor.Uniform([1000], -2.0, 3.0, seed: 43);

        Assert.Equal(first.ToArray(), again.ToArray());
        Assert.NotEqual(first.ToArray(), other.ToArray());
        Assert.All(first.ToArray(), v => Assert.True(v >= -2.0 && v < 3.0, $"{v} is outside [-2, 3)"));
        // The mean of U(−2, 3) is 0.5 with standard error 5/√12/√1000 ≈ 0.046.
        Assert.InRange(first.Mean().Item(), 0.5 - 0.2, 0.5 + 0.2);
    }

    [Fact]
    public void Uniform_Float_NeverReachesHigh_EvenWhenRoundingWouldCarryTheDrawUpToIt()
    {
        // The largest double below 1 rounds to 1f; a draw from [0, 1) must still stay below 1.
        var random = new FixedRandom(1.0 - Math.Pow(2, -53));

        var single = Tensor.Uniform([1], 0f, 1f, random);
        var twoToThree = Tensor.Uniform([1], 2.0, 3.0, random);

        Assert.True(single.Item() < 1f, $"{single.Item():R} is not below 1");
        Assert.True(twoToThree.Item() < 3.0, $"{twoToThree.Item():R} is not below 3");
    }

    [Fact]
    public void Normal_HasApproximatelyTheRequestedMeanAndStd()
    {
        const int Count = 20_000;

        var t = Tensor.Normal([Count], 1.5, 0.5, seed: 7);

        double mean = t.Mean().Item();
        double std = Math.Sqrt((t - mean).Square().Sum().Item() / (Count - 1));
        // Standard errors: 0.5/√20000 ≈ 0.0035 for the mean, ≈ 0.0025 for the std.
        Assert.InRange(mean, 1.5 - 0.02, 1.5 + 0.02);
        Assert.InRange(std, 0.5 - 0.02, 0.5 + 0.02);
        Assert.Equal(t.ToArray(), Tensor.Normal([Count], 1.5, 0.5, seed: 7).ToArray());
    }

    [Fact]
    public void Normal_OddCount_FillsEveryElement()
    {
        var t = Tensor.Normal([5], 100.0, 1.0, seed: 3);

        Assert.All(t.ToArray(), v => Assert.InRange(v, 90.0, 110.0));
    }

    // ---------------------------------------------------------------- joining

    [Fact]
    public void Concat_JoinsAlongTheAxis()
    {
        var a = Matrix(new double[,] { { 1, 2 }, { 3, 4 } });
        var b = Matrix(new double[,] { { 5 }, { 6 } });
        var c = Matrix(new double[,] { { 7, 8 } });

        var columns = Tensor.Concat([a, b], axis: 1);
        var rows = Tensor.Concat([a, c], axis: 0);
        var lastAxis = Tensor.Concat([a, b], axis: -1);

        Assert.Equal([2, 3], columns.Shape.ToArray());
        Assert.Equal([1.0, 2, 5, 3, 4, 6], columns.ToArray());
        Assert.Equal([3, 2], rows.Shape.ToArray());
        Assert.Equal([1.0, 2, 3, 4, 7, 8], rows.ToArray());
        Assert.Equal(columns.ToArray(), lastAxis.ToArray());
    }

    [Fact]
    public void Stack_AddsANewAxis()
    {
        var a = Tensor.FromArray([1.0, 2.0, 3.0]);
        var b = Tensor.FromArray([4.0, 5.0, 6.0]);

        var rows = Tensor.Stack([a, b]);
        var columns = Tensor.Stack([a, b], axis: 1);
        var three = Tensor.Stack([Tensor.Zeros<double>(2, 3), Tensor.Ones<double>(2, 3), Tensor.Zeros<double>(2, 3)], axis: -1);

        Assert.Equal([2, 3], rows.Shape.ToArray());
        Assert.Equal([1.0, 2, 3, 4, 5, 6], rows.ToArray());
        Assert.Equal([3, 2], columns.Shape.ToArray());
        Assert.Equal([1.0, 4, 2, 5, 3, 6], columns.ToArray());
        Assert.Equal([2, 3, 3], three.Shape.ToArray());
        Assert.Equal(1.0, three[1, 2, 1]);
        Assert.Equal(0.0, three[1, 2, 2]);
    }

    // ---------------------------------------------------------------- broadcasting and shapes

    [Fact]
    public void Add_ColumnPlusRow_BroadcastsToOuterSum()
    {
        var column = Tensor.FromArray([0.0, 10.0, 20.0], 3, 1);
        var row = Tensor.FromArray([1.0, 2.0, 3.0, 4.0], 1, 4);

        var sum = column + row;

        Assert.Equal([3, 4], sum.Shape.ToArray());
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(10.0 * i + (j + 1), sum[i, j]);
    }

    [Fact]
    public void Mul_ThreeDimensionalByMatrix_BroadcastsOverTheLeadingAxis()
    {
        var a = Tensor.Arange<double>(24).Reshape(2, 3, 4);
        var b = Tensor.FromArray([1.0, -1.0, 2.0], 3, 1);

        var product = a * b;

        Assert.Equal([2, 3, 4], product.Shape.ToArray());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal(a[i, j, k] * b[j, 0], product[i, j, k]);
    }

    [Fact]
    public void Sub_ScalarTensorFromMatrix_Broadcasts()
    {
        var m = Matrix(new double[,] { { 1, 2 }, { 3, 4 } });

        var difference = Tensor.Scalar(10.0) - m;

        Assert.Equal([9.0, 8, 7, 6], difference.ToArray());
    }

    [Fact]
    public void Reshape_InfersTheMinusOneDimension_AndSharesValues()
    {
        var t = Tensor.Arange<double>(24).Reshape(2, 3, 4);

        var rows = t.Reshape(-1, 4);
        var wide = t.Reshape(2, -1);

        Assert.Equal([6, 4], rows.Shape.ToArray());
        Assert.Equal([2, 12], wide.Shape.ToArray());
        Assert.Equal(t.ToArray(), rows.ToArray());
        Assert.Equal(23.0, wide[1, 11]);
    }

    [Fact]
    public void SqueezeAndUnsqueeze_RemoveAndInsertUnitDimensions()
    {
        var t = Tensor.Zeros<double>(1, 3, 1);
        var v = Tensor.Zeros<double>(3);

        Assert.Equal([3], t.Squeeze().Shape.ToArray());
        Assert.Equal([3, 1], t.Squeeze(0).Shape.ToArray());
        Assert.Equal([1, 3], t.Squeeze(-1).Shape.ToArray());
        Assert.Equal([1, 3], v.Unsqueeze(0).Shape.ToArray());
        Assert.Equal([3, 1], v.Unsqueeze(-1).Shape.ToArray());
        Assert.Equal([3, 1], v.Unsqueeze(1).Shape.ToArray());
        Assert.Equal([6], Tensor.Zeros<double>(2, 3).Flatten().Shape.ToArray());
    }

    [Fact]
    public void Transpose_SwapsRowsAndColumns()
    {
        var m = Tensor.Arange<double>(6).Reshape(2, 3);

        var t = m.Transpose();

        Assert.Equal([3, 2], t.Shape.ToArray());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                Assert.Equal(m[i, j], t[j, i]);
    }

    // ---------------------------------------------------------------- selection

    [Fact]
    public void Slice_CopiesTheRangeAlongAnAxis()
    {
        var m = Tensor.Arange<double>(12).Reshape(3, 4);

        var middleColumns = m.Slice(1, 1, 2);
        var lastRow = m.Slice(0, 2, 1);

        Assert.Equal([3, 2], middleColumns.Shape.ToArray());
        Assert.Equal([1.0, 2, 5, 6, 9, 10], middleColumns.ToArray());
        Assert.Equal([8.0, 9, 10, 11], lastRow.ToArray());
    }

    [Fact]
    public void Rows_TakesConsecutiveRows()
    {
        var m = Tensor.Arange<double>(10).Reshape(5, 2);

        var rows = m.Rows(1, 3);

        Assert.Equal([3, 2], rows.Shape.ToArray());
        Assert.Equal([2.0, 3, 4, 5, 6, 7], rows.ToArray());
    }

    [Fact]
    public void IndexRows_GathersRowsInOrderWithRepeats()
    {
        var m = Tensor.Arange<double>(8).Reshape(4, 2);

        var picked = m.IndexRows(3, 0, 3);

        Assert.Equal([3, 2], picked.Shape.ToArray());
        Assert.Equal([6.0, 7, 0, 1, 6, 7], picked.ToArray());
    }

    [Fact]
    public void IndexRows_Gradient_ScatterAddsRepeatedRows()
    {
        var m = Tensor.Zeros<double>(4, 2).RequireGrad();

        m.IndexRows(3, 0, 3).Sum().Backward();

        Assert.Equal([1.0, 1, 0, 0, 0, 0, 2, 2], m.Grad!.ToArray());
    }

    // ---------------------------------------------------------------- reductions

    [Fact]
    public void Sum_OverEachAxis_GivesRowAndColumnSums()
    {
        var m = Matrix(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

        Assert.Equal(21.0, m.Sum().Item());
        Assert.Equal([5.0, 7, 9], m.Sum(0).ToArray());
        Assert.Equal([6.0, 15], m.Sum(1).ToArray());
        Assert.Equal([2, 1], m.Sum(1, keepDim: true).Shape.ToArray());
        Assert.Equal([6.0, 15], m.Sum(-1, keepDim: true).ToArray());
        Assert.Equal([2.0, 5], m.Mean(1).ToArray());
    }

    [Fact]
    public void Sum_OverMiddleAxisOfThreeDimensions_MatchesLoop()
    {
        var t = Tensor.Arange<double>(24).Reshape(2, 3, 4);

        var sum = t.Sum(1);

        Assert.Equal([2, 4], sum.Shape.ToArray());
        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 4; k++)
                Assert.Equal(t[i, 0, k] + t[i, 1, k] + t[i, 2, k], sum[i, k]);
    }

    [Fact]
    public void Max_OverEachAxis_GivesLargestElements()
    {
        var m = Matrix(new double[,] { { 1, 9, 3 }, { 7, 5, -6 } });

        Assert.Equal(9.0, m.Max().Item());
        Assert.Equal(-6.0, m.Min().Item());
        Assert.Equal([7.0, 9, 3], m.Max(0).ToArray());
        Assert.Equal([9.0, 7], m.Max(1).ToArray());
        Assert.Equal([1.0, -6], m.Min(1).ToArray());
        Assert.Equal([1, 3], m.Max(0, keepDim: true).Shape.ToArray());
    }

    [Fact]
    public void Max_OverMiddleAxisOfThreeDimensions_MatchesLoop()
    {
        var t = Tensor.Normal([2, 5, 3], 0.0, 1.0, seed: 11);

        var max = t.Max(1);

        for (int i = 0; i < 2; i++)
            for (int k = 0; k < 3; k++)
            {
                double expected = double.NegativeInfinity;
                for (int j = 0; j < 5; j++)
                    expected = Math.Max(expected, t[i, j, k]);
                Assert.Equal(expected, max[i, k]);
            }
    }

    [Fact]
    public void NormAndDot_MatchTheirDefinitions()
    {
        var a = Tensor.FromArray([3.0, -4.0]);
        var b = Tensor.FromArray([2.0, 0.5]);

        Assert.Equal(5.0, a.Norm().Item());
        Assert.Equal(7.0, a.NormL1().Item());
        Assert.Equal(4.0, a.Dot(b).Item());
    }

    // ---------------------------------------------------------------- element-wise selection and comparison

    [Fact]
    public void Where_ChoosesPerElementWithBroadcasting()
    {
        var condition = Tensor.FromArray([1.0, 0.0, 1.0, 0.0]);
        var a = Tensor.FromArray([1.0, 2.0, 3.0, 4.0]);

        var chosen = Tensor.Where(condition, a, Tensor.Scalar(-1.0));

        Assert.Equal([1.0, -1, 3, -1], chosen.ToArray());
    }

    [Fact]
    public void Clamp_LimitsToTheRange()
    {
        var x = Tensor.FromArray([-3.0, -1.0, 0.5, 1.0, 7.0]);

        var clamped = x.Clamp(-1.0, 1.0);

        Assert.Equal([-1.0, -1, 0.5, 1, 1], clamped.ToArray());
    }

    [Fact]
    public void Comparisons_GiveZeroOneMasks()
    {
        var a = Tensor.FromArray([1.0, 2.0, 3.0]);
        var b = Tensor.FromArray([2.0, 2.0, 2.0]);

        Assert.Equal([0.0, 0, 1], a.Greater(b).ToArray());
        Assert.Equal([0.0, 1, 1], a.GreaterEqual(b).ToArray());
        Assert.Equal([1.0, 0, 0], a.Less(b).ToArray());
        Assert.Equal([1.0, 1, 0], a.LessEqual(b).ToArray());
        Assert.Equal([0.0, 1, 0], a.Equal(b).ToArray());
        Assert.Equal([0.0, 1, 1], a.Greater(1.5).ToArray());
        Assert.Equal([1.0, 0, 0], a.Less(1.5).ToArray());
        Assert.Equal([0.0, 0, 1], a.Equal(3.0).ToArray());
    }

    [Fact]
    public void Comparisons_WithNaN_AreFalse()
    {
        var a = Tensor.FromArray([double.NaN, 1.0]);

        Assert.Equal([0.0, 0], a.Greater(Tensor.FromArray([0.0, 1.0])).ToArray());
        Assert.Equal([0.0, 1], a.Equal(1.0).ToArray());
    }

    [Fact]
    public void MaximumAndMinimum_AreElementWise()
    {
        var a = Tensor.FromArray([1.0, 5.0, -2.0]);
        var b = Tensor.FromArray([3.0, 4.0, -2.0]);

        Assert.Equal([3.0, 5, -2], Tensor.Maximum(a, b).ToArray());
        Assert.Equal([1.0, 4, -2], Tensor.Minimum(a, b).ToArray());
    }

    // ---------------------------------------------------------------- casting

    [Fact]
    public void Cast_DoubleToFloat_RoundsToNearest_AndFloatToDouble_IsExact()
    {
        var d = Tensor.FromArray([0.1, 1.0 / 3.0, 1e40], 3, 1).RequireGrad();

        var f = d.ToFloat();
        var back = f.ToDouble();

        Assert.Equal([3, 1], f.Shape.ToArray());
        Assert.Equal([0.1f, 1f / 3f, float.PositiveInfinity], f.ToArray());
        Assert.Equal([(double)0.1f, (double)(1f / 3f), double.PositiveInfinity], back.ToArray());
        Assert.False(f.RequiresGrad);
        Assert.Equal(f.ToArray(), d.Cast<float>().ToArray());
    }

    // ---------------------------------------------------------------- ToString

    [Fact]
    public void ToString_Matrix_ShowsValuesToFourDecimalsAndTheShape()
    {
        var m = Matrix(new double[,] { { 1.23456, -2, 0 }, { 3.5, 1e-5, 10 } });

        string text = m.ToString();

        Assert.StartsWith("tensor([[", text);
        Assert.Contains("1.2346", text);
        Assert.Contains("-2.0000", text);
        Assert.Contains("3.5000", text);
        Assert.Contains("0.0000", text);
        Assert.Contains("10.0000", text);
        Assert.Contains("shape=[2, 3]", text);
        Assert.Equal(2, text.Split('\n').Length);
        Assert.DoesNotContain("requires_grad", text);
    }

    [Fact]
    public void ToString_Scalar_ShowsTheValueAndEmptyShape()
    {
        Assert.Equal("tensor(4.2500, shape=[])", Tensor.Scalar(4.25).ToString());
    }

    [Fact]
    public void ToString_LongVector_ElidesTheMiddle()
    {
        var v = Tensor.Arange<double>(20);

        string text = v.ToString();

        Assert.Equal("tensor([0.0000, 1.0000, 2.0000, ..., 17.0000, 18.0000, 19.0000], shape=[20])", text);
    }

    [Fact]
    public void ToString_ManyRows_ElidesMiddleRows()
    {
        var m = Tensor.Arange<double>(40).Reshape(20, 2);

        string text = m.ToString();

        Assert.Contains("...", text);
        Assert.Contains("[0.0000, 1.0000]", text);
        Assert.Contains("[38.0000, 39.0000]", text);
        Assert.DoesNotContain("20.0000", text);
        Assert.Contains("shape=[20, 2]", text);
    }

    [Fact]
    public void ToString_ShortVector_IsNotElided_AndMarksRequiresGrad()
    {
        var v = Tensor.Arange<float>(8).RequireGrad();

        string text = v.ToString();

        Assert.DoesNotContain("...", text);
        Assert.Contains("7.0000", text);
        Assert.EndsWith(", shape=[8], requires_grad)", text);
    }
}

/// <summary>A generator that always draws the same value, to reach the edges of a sampler.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;
}
