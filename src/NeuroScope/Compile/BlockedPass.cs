using System.Numerics;
using NeuroScope.Kernels;

namespace NeuroScope.Compile;

/// <summary>
/// One pass over a tensor's elements, block by block: a block of a matrix multiply's rows when the pass starts with
/// one (its epilogue), then every element-wise op of the chain on that block while it is in cache, instead of one
/// pass over the whole tensor per op. Blocks are shared out over threads. Each op runs its own kernel on each block,
/// so the pass gives the same bits as the ops run one after another over whole tensors.
/// </summary>
internal sealed class BlockedPass<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The shortest block (in elements) of a pass with more than one block: long enough that every span kernel takes
    /// its vector path over the whole block, as it does over a whole tensor, rather than its scalar form (which rounds
    /// some functions differently).
    /// </summary>
    public const int MinimumBlock = 64;

    private readonly MatMulRows<T>? _head;
    private readonly int _headColumns;
    private readonly RangeStep[] _ops;
    private readonly int[] _starts;
    private readonly bool _parallel;
    private readonly Action<int, int> _runBlocks;

    /// <param name="head">The matrix multiply whose output the pass starts with, or null.</param>
    /// <param name="ops">The chain's range steps, in order.</param>
    /// <param name="length">Elements of every value of the pass.</param>
    /// <param name="rowLength">Blocks are whole rows of this length (a matrix multiply's columns, a broadcast row), or 0.</param>
    /// <param name="blockElements">About how many elements a block holds.</param>
    public BlockedPass(MatMulRows<T>? head, RangeStep[] ops, int length, int rowLength, int blockElements)
    {
        _head = head;
        _ops = ops;
        _headColumns = head is null ? 0 : length / head.RowCount;
        int unit = rowLength > 0 ? rowLength : 1;
        int units = length / unit;
        int blockUnits = Math.Max(1, blockElements / unit);
        blockUnits = Math.Max(blockUnits, (MinimumBlock + unit - 1) / unit);
        if (head is not null)
            blockUnits = BlockedGemm.RoundUp(blockUnits, MatMulRows<T>.RowAlignment);
        else if (rowLength == 0)
            blockUnits = BlockedGemm.RoundUp(blockUnits, MinimumBlock);
        var starts = new List<int>();
        for (int u = 0; u < units; u += blockUnits)
            starts.Add(u * unit);
        // A short last block joins the one before it.
        if (starts.Count > 1 && length - starts[^1] < MinimumBlock)
            starts.RemoveAt(starts.Count - 1);
        if (starts.Count == 0)
            starts.Add(0);
        starts.Add(length);
        _starts = [.. starts];
        _parallel = length >= Chunks.MinimumLength || (head is not null && head.Work >= MatMulKernel.ParallelMinWork);
        _runBlocks = RunBlocks;
    }

    /// <summary>Blocks the pass is cut into.</summary>
    public int Blocks => _starts.Length - 1;

    /// <summary>Runs the pass.</summary>
    public void Run()
    {
        int blocks = Blocks;
        int threads = _parallel ? EngineSettings.MaxThreads : 1;
        _head?.Prepare(threads);
        if (threads == 1 || blocks == 1)
            RunBlocks(0, blocks);
        else
            Chunks.ForRanges(blocks, threads, 1, 1, _runBlocks);
    }

    private void RunBlocks(int first, int end)
    {
        for (int b = first; b < end; b++)
        {
            int start = _starts[b], count = _starts[b + 1] - start;
            _head?.Rows(start / _headColumns, (start + count) / _headColumns);
            foreach (var op in _ops)
                op(start, count);
        }
    }
}
