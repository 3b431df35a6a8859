using System.Numerics;
using NeuroScope.Kernels;

namespace NeuroScope.Tests.Kernels;

public class MatMulKernelTests
{
    private static readonly int[] Sizes = [1, 17, 64, 65, 130];

    // Every (m, k, n) from the sizes: the scalar loop, the rank-1 / matrix-vector shortcuts, full and edge
    // register tiles, several transposed-A row blocks (130 > 96) and the threaded split (130³ > 2²⁰).
    public static TheoryData<int, int, int> AllSizeTriples()
    {
        var data = new TheoryData<int, int, int>();
        foreach (int m in Sizes)
            foreach (int k in Sizes)
                foreach (int n in Sizes)
                    data.Add(m, k, n);
        return data;
    }

    // Depths past one k-block (256) exercise accumulation into C; widths past one packed B block
    // (512 float or 256 double columns) exercise several column blocks.
    public static TheoryData<int, int, int> BlockBoundaryTriples() => new()
    {
        { 7, 256, 9 },
        { 13, 257, 31 },
        { 70, 600, 40 },
        { 5, 300, 600 },
        { 97, 33, 129 },
        { 6, 512, 32 },
    };

    /// <summary>
    /// op(A) and op(B) filled with small integers, so every product and partial sum is exact in float and
    /// double whatever the order or fusion of the additions: the kernel must then match the naive loop exactly.
    /// </summary>
    private static void AssertMatchesNaiveLoop<T>(int m, int k, int n, bool transposeA, bool transposeB, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var a = new T[m * k];
        var b = new T[k * n];
        for (int i = 0; i < a.Length; i++)
            a[i] = T.CreateTruncating(random.Next(-4, 5));
        for (int i = 0; i < b.Length; i++)
            b[i] = T.CreateTruncating(random.Next(-4, 5));
        // C starts as NaN: the kernel must overwrite every element, never accumulate into what was there.
        var c = new T[m * n];
        Array.Fill(c, T.NaN);

        MatMulKernel.Multiply<T>(a, b, c, m, k, n, transposeA, transposeB);

        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T expected = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    T left = transposeA ? a[p * m + i] : a[i * k + p];
                    T right = transposeB ? b[j * k + p] : b[p * n + j];
                    expected += left * right;
                }
                T actual = c[i * n + j];
                if (actual != expected)
                    Assert.Fail($"{typeof(T).Name} m={m} k={k} n={n} transposeA={transposeA} transposeB={transposeB}: C[{i},{j}] = {actual}, expected {expected}");
            }
        }
    }

    private static void AssertAllTranspositions<T>(int m, int k, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int seed = (m * 31 + k) * 31 + n;
        foreach (bool transposeA in new[] { false, true })
            foreach (bool transposeB in new[] { false, true })
                AssertMatchesNaiveLoop<T>(m, k, n, transposeA, transposeB, seed++);
    }

    [Theory]
    [MemberData(nameof(AllSizeTriples))]
    public void Multiply_Float_AllTranspositions_MatchNaiveLoop(int m, int k, int n) => AssertAllTranspositions<float>(m, k, n);

    [Theory]
    [MemberData(nameof(AllSizeTriples))]
    public void Multiply_Double_AllTranspositions_MatchNaiveLoop(int m, int k, int n) => AssertAllTranspositions<double>(m, k, n);

    [Theory]
    [MemberData(nameof(BlockBoundaryTriples))]
    public void Multiply_AcrossBlockBoundaries_MatchesNaiveLoop(int m, int k, int n)
    {
        AssertAllTranspositions<float>(m, k, n);
        AssertAllTranspositions<double>(m, k, n);
    }

    [Fact]
    public void Multiply_SingleThreaded_MatchesNaiveLoop()
    {
        int saved = EngineSettings.MaxThreads;
        try
        {
            EngineSettings.MaxThreads = 1;

            AssertAllTranspositions<float>(130, 130, 130);
            AssertAllTranspositions<double>(130, 65, 130);
        }
        finally
        {
            EngineSettings.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(600, 70, 100)]    // tall C, packed B small: row ranges share one packed B
    [InlineData(70, 2100, 64)]    // deep k, packed B larger than L2: one long row range per thread
    [InlineData(40, 300, 600)]    // wide C: column ranges
    public void Multiply_OnTwoThreads_EqualsOneThreadBitForBit(int m, int k, int n)
    {
        int saved = EngineSettings.MaxThreads;
        try
        {
            foreach (bool transposeA in new[] { false, true })
            {
                foreach (bool transposeB in new[] { false, true })
                {
                    var random = new Random(m + k + n);
                    var a = Enumerable.Range(0, m * k).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                    var b = Enumerable.Range(0, k * n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                    var one = new float[m * n];
                    var two = new float[m * n];
                    EngineSettings.MaxThreads = 1;
                    MatMulKernel.Multiply<float>(a, b, one, m, k, n, transposeA, transposeB);
                    EngineSettings.MaxThreads = 2;
                    MatMulKernel.Multiply<float>(a, b, two, m, k, n, transposeA, transposeB);

                    Assert.Equal(one, two);
                }
            }
            AssertAllTranspositions<float>(m, k, n);
        }
        finally
        {
            EngineSettings.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(1, 4096, 4096)]   // vector · matrix, columns split over threads
    [InlineData(4096, 4096, 1)]   // matrix · vector, rows split over threads
    [InlineData(2048, 1, 2048)]   // outer product, rows split over threads
    public void Multiply_LargeVectorShapes_OnTwoThreads_MatchNaiveLoop(int m, int k, int n)
    {
        int saved = EngineSettings.MaxThreads;
        try
        {
            EngineSettings.MaxThreads = 2;

            AssertAllTranspositions<float>(m, k, n);
        }
        finally
        {
            EngineSettings.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Multiply_RealValues_MatchesDoubleReferenceWithinRoundingBound(bool transposeA, bool transposeB)
    {
        // Random reals: float error is bounded by about k·ε·Σ|a||b| (ε = 2⁻²⁴); hold it to 4× that.
        const int M = 67, K = 129, N = 71;
        var random = new Random(5);
        var a = new float[M * K];
        var b = new float[K * N];
        for (int i = 0; i < a.Length; i++)
            a[i] = (float)(random.NextDouble() * 2 - 1);
        for (int i = 0; i < b.Length; i++)
            b[i] = (float)(random.NextDouble() * 2 - 1);
        var c = new float[M * N];

        MatMulKernel.Multiply<float>(a, b, c, M, K, N, transposeA, transposeB);

        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double expected = 0, magnitude = 0;
                for (int p = 0; p < K; p++)
                {
                    double product = (double)(transposeA ? a[p * M + i] : a[i * K + p]) * (transposeB ? b[j * K + p] : b[p * N + j]);
                    expected += product;
                    magnitude += Math.Abs(product);
                }
                double bound = 4 * K * Math.Pow(2, -24) * magnitude;
                Assert.True(Math.Abs(c[i * N + j] - expected) <= bound, $"C[{i},{j}] = {c[i * N + j]}, expected {expected} ± {bound}");
            }
        }
    }

    [Fact]
    public void Multiply_ZeroInnerDimension_WritesZeros()
    {
        var c = new double[] { 1, 2, 3, 4, 5, 6 };

        MatMulKernel.Multiply<double>([], [], c, 2, 0, 3, false, false);

        Assert.Equal(new double[6], c);
    }

    [Fact]
    public void Multiply_EmptyOutput_LeavesLongerDestinationUntouched()
    {
        var c = new double[] { 7 };

        MatMulKernel.Multiply<double>([1, 2], [], c, 0, 2, 0, false, false);

        Assert.Equal([7.0], c);
    }

    [Fact]
    public void Multiply_SpanTooShort_Throws()
    {
        Assert.Throws<ArgumentException>(() => MatMulKernel.Multiply<double>(new double[5], new double[6], new double[4], 2, 3, 2, false, false));
    }

    [Fact]
    public void Multiply_NegativeDimension_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MatMulKernel.Multiply<double>([], [], [], -1, 2, 2, false, false));
    }
}
