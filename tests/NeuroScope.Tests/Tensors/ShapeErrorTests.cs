namespace NeuroScope.Tests.Tensors;

public class ShapeErrorTests
{
    private static Tensor<double> Zeros(params int[] shape) => Tensor.Zeros<double>(shape);

    [Fact]
    public void Add_IncompatibleShapes_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3) + Zeros(4));

        Assert.Contains("Add", error.Message);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Theory]
    [InlineData("Sub")]
    [InlineData("Mul")]
    [InlineData("Div")]
    [InlineData("Greater")]
    [InlineData("Maximum")]
    public void BinaryOps_IncompatibleShapes_ThrowNamingBothShapes(string op)
    {
        var a = Zeros(3, 2);
        var b = Zeros(3);

        var error = Assert.Throws<ArgumentException>(() => op switch
        {
            "Sub" => a - b,
            "Mul" => a * b,
            "Div" => a / b,
            "Greater" => a.Greater(b),
            _ => a.Maximum(b),
        });

        Assert.Contains("[3, 2]", error.Message);
        Assert.Contains("[3]", error.Message);
    }

    [Fact]
    public void MatMul_InnerDimensionsDisagree_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3).MatMul(Zeros(2, 3)));

        Assert.Contains("MatMul", error.Message);
        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("3 vs 2", error.Message);
    }

    [Fact]
    public void MatMul_Transposed_ChecksTheTransposedShapes()
    {
        // [2, 3]ᵀ is [3, 2], which a [2, 3] matrix can follow; [2, 3]·[4, 3]ᵀ also aligns.
        var product = Zeros(2, 3).MatMul(Zeros(2, 3), transposeThis: true);
        var other = Zeros(2, 3).MatMul(Zeros(4, 3), transposeOther: true);

        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3).MatMul(Zeros(4, 2), transposeOther: true));

        Assert.Equal([3, 3], product.Shape.ToArray());
        Assert.Equal([2, 4], other.Shape.ToArray());
        Assert.Contains("[4, 2]ᵀ", error.Message);
    }

    [Fact]
    public void MatMul_NotMatrices_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(3).MatMul(Zeros(3, 2)));

        Assert.Contains("[3]", error.Message);
        Assert.Contains("[3, 2]", error.Message);
    }

    [Fact]
    public void Concat_ShapesDifferOutsideTheAxis_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Concat([Zeros(2, 3), Zeros(2, 4)], axis: 0));

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[2, 4]", error.Message);
        Assert.Contains("axis 0", error.Message);
    }

    [Fact]
    public void Concat_DifferentRanks_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Concat([Zeros(2, 3), Zeros(6)]));

        Assert.Contains("[6]", error.Message);
    }

    [Fact]
    public void Concat_NoTensors_Throws()
    {
        Assert.Throws<ArgumentException>(() => Tensor.Concat<double>([]));
    }

    [Fact]
    public void Stack_DifferentShapes_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Stack([Zeros(3), Zeros(4)]));

        Assert.Contains("[1, 3]", error.Message);
        Assert.Contains("[1, 4]", error.Message);
    }

    [Fact]
    public void Reshape_WrongElementCount_ThrowsNamingBothShapesAndCount()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3).Reshape(4, 2));

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[4, 2]", error.Message);
        Assert.Contains("6 elements", error.Message);
    }

    [Fact]
    public void Reshape_InferredDimensionDoesNotDivide_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3).Reshape(-1, 4));

        Assert.Contains("[-1, 4]", error.Message);
    }

    [Fact]
    public void Reshape_TwoInferredDimensions_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3).Reshape(-1, -1));

        Assert.Contains("only one −1", error.Message);
    }

    [Fact]
    public void Squeeze_DimensionNotOne_ThrowsNamingItsSize()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3).Squeeze(1));

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("size 3", error.Message);
    }

    [Fact]
    public void Where_IncompatibleShapes_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Where(Zeros(2, 3), Zeros(2, 3), Zeros(2)));

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("[2]", error.Message);
    }

    [Fact]
    public void FromArray_ValuesDoNotFillShape_ThrowsNamingCountAndShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.FromArray([1.0, 2.0, 3.0], 2, 2));

        Assert.Equal("shape", error.ParamName);
        Assert.Contains("3 values", error.Message);
        Assert.Contains("[2, 2]", error.Message);
    }

    [Fact]
    public void Zeros_NegativeDimension_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Zeros<double>(2, -1));

        Assert.Contains("[2, -1]", error.Message);
    }

    [Fact]
    public void Dot_DifferentLengths_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(3).Dot(Zeros(4)));

        Assert.Contains("[3]", error.Message);
        Assert.Contains("[4]", error.Message);
    }

    [Fact]
    public void Transpose_NotAMatrix_ThrowsNamingTheShape()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2, 3, 4).Transpose());

        Assert.Contains("[2, 3, 4]", error.Message);
    }

    [Fact]
    public void BroadcastTo_IncompatibleShape_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(3, 2).BroadcastTo(3, 4));

        Assert.Contains("[3, 2]", error.Message);
        Assert.Contains("[3, 4]", error.Message);
    }

    [Fact]
    public void Indexer_OutOfRange_ThrowsNamingIndexAndSize()
    {
        var t = Zeros(2, 3);

        var error = Assert.Throws<IndexOutOfRangeException>(() => t[2, 0]);

        Assert.Contains("Index 2", error.Message);
        Assert.Contains("size 2", error.Message);
    }

    [Fact]
    public void Indexer_NegativeIndex_CountsFromTheEnd()
    {
        var t = Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);

        Assert.Equal(6.0, t[-1, -1]);
        Assert.Equal(4.0, t[1, -3]);
        Assert.Throws<IndexOutOfRangeException>(() => t[0, -4]);
    }

    [Fact]
    public void Indexer_WrongNumberOfCoordinates_ThrowsNamingTheShape()
    {
        var t = Zeros(2, 3);

        var error = Assert.Throws<ArgumentException>(() => t[1]);

        Assert.Contains("[2, 3]", error.Message);
        Assert.Contains("2 coordinates", error.Message);
    }

    [Fact]
    public void Slice_OutOfRange_ThrowsNamingTheRangeAndShape()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Zeros(4, 3).Slice(1, 2, 2));

        Assert.Contains("[2, 4)", error.Message);
        Assert.Contains("[4, 3]", error.Message);
    }

    [Fact]
    public void Rows_PastTheEnd_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Zeros(4, 3).Rows(3, 2));
    }

    [Fact]
    public void IndexRows_OutOfRange_ThrowsNamingRowAndCount()
    {
        var error = Assert.Throws<IndexOutOfRangeException>(() => Zeros(4, 3).IndexRows(0, 4));

        Assert.Contains("row 4", error.Message);
        Assert.Contains("4 rows", error.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-3)]
    public void Sum_AxisOutOfRange_ThrowsNamingAxisAndAllowedRange(int axis)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Zeros(2, 3).Sum(axis));

        Assert.Equal("axis", error.ParamName);
        Assert.Contains($"Axis {axis}", error.Message);
        Assert.Contains("-2..1", error.Message);
    }

    [Fact]
    public void Item_OnTensorWithSeveralElements_ThrowsNamingTheShape()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Zeros(2, 3).Item());

        Assert.Contains("[2, 3]", error.Message);
    }

    [Fact]
    public void Max_OfEmptyTensor_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Zeros(0).Max());
    }

    [Fact]
    public void Clamp_MinAboveMax_ThrowsNamingBoth()
    {
        var error = Assert.Throws<ArgumentException>(() => Zeros(2).Clamp(1.0, -1.0));

        Assert.Contains("min (1)", error.Message);
        Assert.Contains("max (-1)", error.Message);
    }

    [Fact]
    public void Arange_ZeroStep_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Tensor.Arange(0.0, 1.0, 0.0));

        Assert.Equal("step", error.ParamName);
    }

    [Fact]
    public void Linspace_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Linspace(0.0, 1.0, -1));
    }
}
