using System.Numerics.Tensors;

namespace NeuroScope.Tests.Tensors;

public class FloatArithmeticTests
{
    private static Tensor<float> Vector(params float[] values) => Tensor.FromArray(values);

    [Fact]
    public void Add_PointOnePlusPointTwo_EqualsCSharpFloatBitwise()
    {
        float expected = 0.1f + 0.2f;

        float actual = (Vector(0.1f) + Vector(0.2f)).Item();

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }

    [Fact]
    public void MultiplyThenAdd_RoundsEachStepInFloat()
    {
        // x = 1 + 2⁻¹²: x·x = 1 + 2⁻¹¹ + 2⁻²⁴ exactly, which float rounds (tie to even) to 1 + 2⁻¹¹.
        // So x·x − 1 is 2⁻¹¹ in float, while the same formula evaluated in double and rounded once is 2⁻¹¹ + 2⁻²⁴.
        float x = 1f + MathF.Pow(2, -12);
        float inFloat = x * x - 1f;
        float roundedOnce = (float)((double)x * x - 1.0);

        float actual = (Vector(x) * Vector(x) - 1f).Item();

        Assert.NotEqual(inFloat, roundedOnce);
        Assert.Equal(BitConverter.SingleToInt32Bits(inFloat), BitConverter.SingleToInt32Bits(actual));
    }

    [Fact]
    public void ScalarOps_MatchCSharpFloatArithmeticBitwise()
    {
        float[] values = [0.1f, 1f / 3f, -2.7182817f, 1e-7f, 12345.678f];
        var x = Vector(values);

        float[] actual = ((x * 3.3f + 0.7f) / 1.9f - x).ToArray();

        for (int i = 0; i < values.Length; i++)
        {
            float expected = (values[i] * 3.3f + 0.7f) / 1.9f - values[i];
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual[i]));
        }
    }

    [Fact]
    public void Sum_OfManyFloats_EqualsTheFloatKernelBitwise()
    {
        // 2²⁴ followed by ones, where the order of float additions decides how many ones survive: the engine must
        // return what the float SIMD sum returns, not a sum taken in double and rounded.
        const int Ones = 10_001;
        var values = new float[Ones + 1];
        values[0] = 16_777_216f;
        Array.Fill(values, 1f, 1, Ones);
        float expected = TensorPrimitives.Sum<float>(values);

        float actual = Tensor.FromArray(values).Sum().Item();

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
    }

    [Fact]
    public void Mean_OfLargeFloats_OverflowsLikeFloatAccumulation()
    {
        // 2e38 + 2e38 exceeds float's range (≈3.4e38) in any order, so the float mean is +∞;
        // accumulated in double and rounded once it would be 2e38.
        var x = Vector(2e38f, 2e38f);

        float mean = x.Mean().Item();

        Assert.Equal(float.PositiveInfinity, mean);
        Assert.Equal(2e38f, (float)(((double)2e38f + 2e38f) / 2));
    }

    [Fact]
    public void SumOverAxis_AccumulatesRowByRowInFloat()
    {
        // Summing the rows of a [n, 2] matrix adds one row at a time: the same as a float loop in row order.
        const int Rows = 1_001;
        var values = new float[Rows * 2];
        values[0] = 16_777_216f;
        values[1] = 0.1f;
        for (int r = 1; r < Rows; r++)
        {
            values[2 * r] = 1f;
            values[2 * r + 1] = 0.1f;
        }
        float first = 0f, second = 0f;
        for (int r = 0; r < Rows; r++)
        {
            first += values[2 * r];
            second += values[2 * r + 1];
        }

        float[] actual = Tensor.FromArray(values, Rows, 2).Sum(axis: 0).ToArray();

        Assert.Equal(16_777_216f, first);
        Assert.NotEqual((float)(Rows * 0.1), second);
        Assert.Equal(BitConverter.SingleToInt32Bits(first), BitConverter.SingleToInt32Bits(actual[0]));
        Assert.Equal(BitConverter.SingleToInt32Bits(second), BitConverter.SingleToInt32Bits(actual[1]));
    }

    [Fact]
    public void Gradient_OfFloatTensor_IsFloatAndRoundedInFloat()
    {
        // d/dx Σ x·c = c exactly; d/dx Σ x² = 2x exactly in float (a doubling never rounds).
        var x = Vector(0.1f, 1f / 3f).RequireGrad();

        (x.Square() + x * 0.3f).Sum().Backward();

        float[] grad = x.Grad!.ToArray();
        Assert.Equal(2 * 0.1f + 0.3f, grad[0]);
        Assert.Equal(2 * (1f / 3f) + 0.3f, grad[1]);
    }

    [Fact]
    public void MatMul_Float_MatchesFloatDotProducts()
    {
        // Small integers keep every product and partial sum exact in float, whatever the summation order.
        var a = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { -4, 5, 6 } });
        var b = Tensor.FromArray(new float[,] { { 7, -8 }, { 9, 10 }, { 11, 12 } });

        float[] product = a.MatMul(b).ToArray();

        Assert.Equal([1 * 7 + 2 * 9 + 3 * 11, 1 * -8 + 2 * 10 + 3 * 12, -4 * 7 + 5 * 9 + 6 * 11, -4 * -8 + 5 * 10 + 6 * 12], product);
    }
}
