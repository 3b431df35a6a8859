using System.Numerics;
using System.Text;
using NeuroScope.Nn;

namespace NeuroScope.Experiments.Files;

/// <summary>
/// Checkpoint files of a module's parameters: <c>model.Save(path)</c> writes <see cref="Module{T}.State"/> and
/// <c>model.Load(path)</c> reads it back through <see cref="Module{T}.LoadState"/>, which names the first mismatch
/// when the file comes from a different architecture.
/// </summary>
/// <remarks>
/// The format (version 1), all integers and values little-endian:
/// the 4 ASCII bytes "NSPM"; int32 version (1); int32 element size (4 = float32, 8 = float64);
/// int32 parameter count; then for each parameter in <see cref="Module{T}.NamedParameters"/> order: its name
/// (a 7-bit-encoded byte length followed by UTF-8, as <see cref="BinaryWriter.Write(string)"/>), int32 rank,
/// int32 per dimension, and the values in row-major order.
/// </remarks>
public static class ParameterFile
{
    // "NSPM": NeuroScope parameters of a module; the version changes whenever the layout does.
    private static ReadOnlySpan<byte> Magic => "NSPM"u8;
    private const int Version = 1;

    /// <summary>
    /// Writes every parameter's name, shape and values to the file at <paramref name="path"/>, replacing it. The file
    /// is written beside the target and moved into place, so a failed save never leaves a truncated file there.
    /// </summary>
    public static void Save<T>(this Module<T> module, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string temporary = path + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
                module.Save(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Writes every parameter's name, shape and values to <paramref name="stream"/> in the file format.</summary>
    public static void Save<T>(this Module<T> module, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        bool single = typeof(T) == typeof(float);
        var state = module.State();
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(single ? sizeof(float) : sizeof(double));
        writer.Write(state.Count);
        foreach (var (name, value) in state)
        {
            writer.Write(name);
            writer.Write(value.Rank);
            foreach (int dim in value.Shape)
                writer.Write(dim);
            foreach (var element in value.AsSpan())
            {
                if (single)
                    writer.Write(float.CreateTruncating(element));
                else
                    writer.Write(double.CreateTruncating(element));
            }
        }
    }

    /// <summary>
    /// Reads parameters saved by <see cref="Save{T}(Module{T}, string)"/> into <paramref name="module"/> in place; the
    /// file's names, shapes and count must match the module's exactly (float32 files load into double modules and
    /// back, rounding as needed).
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was saved from a different architecture; the message names the first mismatch.</exception>
    /// <exception cref="InvalidDataException">The file is not a parameter file of a supported version, or is truncated.</exception>
    public static void Load<T>(this Module<T> module, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        module.LoadState(Read<T>(stream, $"'{path}'"), $"'{path}'");
    }

    /// <summary>Reads parameters written by <see cref="Save{T}(Module{T}, Stream)"/> from <paramref name="stream"/>, as the file overload does.</summary>
    public static void Load<T>(this Module<T> module, Stream stream) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(stream);
        module.LoadState(Read<T>(stream, "the stream"), "the stream");
    }

    private static List<KeyValuePair<string, Tensor<T>>> Read<T>(Stream stream, string source) where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            reader.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(Magic))
                throw new InvalidDataException($"Load: {source} is not a NeuroScope parameter file (it does not start with \"NSPM\").");
            int version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidDataException($"Load: {source} has format version {version}; this build reads version {Version}.");
            int elementSize = reader.ReadInt32();
            if (elementSize != sizeof(float) && elementSize != sizeof(double))
                throw new InvalidDataException($"Load: {source} stores values of {elementSize} bytes; allowed: 4 (float32) or 8 (float64).");
            int count = reader.ReadInt32();
            if (count < 0)
                throw new InvalidDataException($"Load: {source} declares {count} parameters.");

            var state = new List<KeyValuePair<string, Tensor<T>>>(count);
            for (int i = 0; i < count; i++)
            {
                string name = reader.ReadString();
                int rank = reader.ReadInt32();
                if (rank < 0 || rank > 32)
                    throw new InvalidDataException($"Load: parameter '{name}' in {source} has an invalid rank {rank}.");
                var dims = new int[rank];
                long length = 1;
                for (int d = 0; d < rank; d++)
                {
                    dims[d] = reader.ReadInt32();
                    if (dims[d] < 0)
                        throw new InvalidDataException($"Load: parameter '{name}' in {source} has a negative dimension {dims[d]}.");
                    length *= dims[d];
                }
                // A corrupt length would otherwise allocate an enormous array before the read fails.
                if (stream.CanSeek && length * elementSize > stream.Length - stream.Position)
                    throw new InvalidDataException($"Load: {source} is truncated inside parameter '{name}'.");
                var values = new T[length];
                for (long e = 0; e < length; e++)
                    values[e] = elementSize == sizeof(float) ? T.CreateTruncating(reader.ReadSingle()) : T.CreateTruncating(reader.ReadDouble());
                state.Add(new(name, rank == 0 ? Tensor.Scalar(values[0]) : Tensor.FromArray(values, dims)));
            }
            return state;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Load: {source} is truncated.", e);
        }
    }
}
