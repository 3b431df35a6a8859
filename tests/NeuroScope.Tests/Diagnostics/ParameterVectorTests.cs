using NeuroScope.Diagnostics;

namespace NeuroScope.Tests.Diagnostics;

public class ParameterVectorTests
{
    [Fact]
    public void FlattenThenUnflatten_RoundTripsValuesAndShapes()
    {
        var matrix = Tensor.FromArray([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3);
        var vector = Tensor.FromArray([7.0, 8.0], 2);
        var scalar = Tensor.Scalar(9.0);
        Tensor<double>[] tensors = [matrix, vector, scalar];

        var flat = ParameterVector.Flatten(tensors);
        var parts = ParameterVector.Unflatten(flat, tensors);

        Assert.Equal(9, ParameterVector.TotalLength(tensors));
        Assert.Equal([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], flat.ToArray());
        for (int i = 0; i < tensors.Length; i++)
        {
            Assert.Equal(tensors[i].Shape.ToArray(), parts[i].Shape.ToArray());
            Assert.Equal(tensors[i].ToArray(), parts[i].ToArray());
        }
        flat.AsSpan()[0] = -1;
        Assert.Equal(1.0, matrix[0, 0]);
    }

    [Fact]
    public void Unflatten_WrongLength_ThrowsExplainingTheLayout()
    {
        Tensor<double>[] tensors = [Tensor.Zeros<double>(2, 2), Tensor.Zeros<double>(3)];

        var error = Assert.Throws<ArgumentException>(() => ParameterVector.Unflatten(Tensor.Zeros<double>(6), tensors));

        Assert.Equal("vector", error.ParamName);
        Assert.Contains("has 6 elements", error.Message);
        Assert.Contains("have 7 in all", error.Message);
        Assert.Contains("concatenated in order", error.Message);
    }
}
