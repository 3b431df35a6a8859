using System.Numerics;
using System.Text;

namespace NeuroScope.Nn;

/// <summary>
/// A building block of a model, as PyTorch's <c>nn.Module</c>: it owns named parameters and named submodules,
/// and maps an input tensor to an output with <see cref="Forward"/>.
/// </summary>
/// <remarks>
/// Parameters are ordered depth first (a module's own, in registration order, then each submodule's), and every
/// whole-model operation here uses that one order: <see cref="NamedParameters"/>, <see cref="ParametersToVector"/>,
/// <see cref="VectorToParameters"/>, <see cref="Save(string)"/> and <see cref="Load(string)"/>.
/// </remarks>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    // "NSPM": NeuroScope parameters of a module; the version changes whenever the layout does.
    private static ReadOnlySpan<byte> FileMagic => "NSPM"u8;
    private const int FileVersion = 1;

    private readonly List<(string Name, Tensor<T> Value)> _parameters = [];
    private readonly List<(string Name, Module<T> Module)> _modules = [];

    /// <summary>Computes the module's output.</summary>
    public abstract Tensor<T> Forward(Tensor<T> input);

    /// <summary>Registers a parameter under <paramref name="name"/>; it requires grad unless frozen later.</summary>
    protected Tensor<T> RegisterParameter(string name, Tensor<T> value)
    {
        if (_parameters.Exists(p => p.Name == name))
            throw new ArgumentException($"A parameter named '{name}' is already registered.", nameof(name));
        value.RequiresGrad = true;
        _parameters.Add((name, value));
        return value;
    }

    /// <summary>Registers a submodule under <paramref name="name"/>; its parameters are listed as "name.param".</summary>
    protected TModule RegisterModule<TModule>(string name, TModule module) where TModule : Module<T>
    {
        if (_modules.Exists(m => m.Name == name))
            throw new ArgumentException($"A submodule named '{name}' is already registered.", nameof(name));
        _modules.Add((name, module));
        return module;
    }

    /// <summary>Every parameter of this module and its submodules, depth first, with dotted names ("0.weight").</summary>
    public IEnumerable<(string Name, Tensor<T> Value)> NamedParameters()
    {
        foreach (var p in _parameters)
            yield return p;
        foreach (var (prefix, module) in _modules)
            foreach (var (name, value) in module.NamedParameters())
                yield return (prefix + "." + name, value);
    }

    /// <summary>Every parameter, frozen ones included (optimizers skip those that do not require grad).</summary>
    public IEnumerable<Tensor<T>> Parameters()
    {
        foreach (var (_, value) in NamedParameters())
            yield return value;
    }

    /// <summary>The direct submodules with their names.</summary>
    public IEnumerable<(string Name, Module<T> Module)> NamedChildren() => _modules;

    /// <summary>The parameter called <paramref name="name"/> (dotted for submodules).</summary>
    public Tensor<T> Parameter(string name)
    {
        foreach (var (n, value) in NamedParameters())
            if (n == name)
                return value;
        throw new ArgumentException($"No parameter named '{name}'; known: {string.Join(", ", NamedParameters().Select(p => p.Name))}.", nameof(name));
    }

    /// <summary>Stops a parameter from receiving gradients (and so from being updated).</summary>
    public void Freeze(string name) => Parameter(name).RequiresGrad = false;

    /// <summary>Lets a frozen parameter receive gradients again.</summary>
    public void Unfreeze(string name) => Parameter(name).RequiresGrad = true;

    /// <summary>Clears the gradient of every parameter.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters())
            p.ZeroGrad();
    }

    /// <summary>The total number of parameter elements, Σ over parameters of their lengths (frozen ones included).</summary>
    public int ParameterCount
    {
        get
        {
            int count = 0;
            foreach (var p in Parameters())
                count += p.Length;
            return count;
        }
    }

    /// <summary>
    /// A new vector holding every parameter's values, concatenated in <see cref="NamedParameters"/> order
    /// (frozen ones included), cut from the graph (as PyTorch's <c>parameters_to_vector</c>).
    /// </summary>
    public Tensor<T> ParametersToVector() => Diagnostics.ParameterVector.Flatten([.. Parameters()]);

    /// <summary>
    /// A new vector holding every parameter's gradient in <see cref="ParametersToVector"/> order, with zeros for
    /// parameters that have no gradient (frozen, or not reached by a backward pass).
    /// </summary>
    public Tensor<T> GradientsToVector()
    {
        var vector = Tensor.Zeros<T>(ParameterCount);
        var target = vector.AsSpan();
        int offset = 0;
        foreach (var p in Parameters())
        {
            p.Grad?.AsSpan().CopyTo(target[offset..]);
            offset += p.Length;
        }
        return vector;
    }

    /// <summary>
    /// Writes <paramref name="vector"/>'s values into the parameters in place, in <see cref="ParametersToVector"/>
    /// order (the inverse of that method, as PyTorch's <c>vector_to_parameters</c>); the writes bypass the graph.
    /// </summary>
    /// <param name="vector">Exactly <see cref="ParameterCount"/> values, read in row-major order.</param>
    public void VectorToParameters(Tensor<T> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        int count = ParameterCount;
        if (vector.Length != count)
            throw new ArgumentException(
                $"VectorToParameters: the vector has {vector.Length} values (shape {ShapeUtil.Format(vector.Shape)}) but this {DisplayName} has {count} parameter values.",
                nameof(vector));
        ReadOnlySpan<T> source = vector.AsSpan();
        int offset = 0;
        foreach (var p in Parameters())
        {
            source.Slice(offset, p.Length).CopyTo(p.AsSpan());
            offset += p.Length;
        }
    }

    /// <summary>Writes every parameter's name, shape and values to the file at <paramref name="path"/>, replacing it.</summary>
    /// <remarks>
    /// The format (version 1), all integers and values little-endian:
    /// the 4 ASCII bytes "NSPM"; int32 version (1); int32 element size (4 = float32, 8 = float64);
    /// int32 parameter count; then for each parameter in <see cref="NamedParameters"/> order: its name
    /// (a 7-bit-encoded byte length followed by UTF-8, as <see cref="BinaryWriter.Write(string)"/>), int32 rank,
    /// int32 per dimension, and the values in row-major order. The file is written beside the target and moved
    /// into place, so a failed save never leaves a truncated file under <paramref name="path"/>.
    /// </remarks>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string temporary = path + ".tmp";
        try
        {
            using (var stream = File.Create(temporary))
                Save(stream);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Writes every parameter's name, shape and values to <paramref name="stream"/> in the format of <see cref="Save(string)"/>.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        bool single = typeof(T) == typeof(float);
        var parameters = new List<(string Name, Tensor<T> Value)>(NamedParameters());
        writer.Write(FileMagic);
        writer.Write(FileVersion);
        writer.Write(single ? sizeof(float) : sizeof(double));
        writer.Write(parameters.Count);
        foreach (var (name, value) in parameters)
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
    /// Reads parameters saved by <see cref="Save(string)"/> into this module in place; the file's names, shapes and
    /// count must match this module's exactly (float32 files load into double modules and back, rounding as needed).
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was saved from a different architecture; the message names the first mismatch.</exception>
    /// <exception cref="InvalidDataException">The file is not a parameter file of a supported version, or is truncated.</exception>
    public void Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        LoadCore(stream, $"'{path}'");
    }

    /// <summary>Reads parameters written by <see cref="Save(Stream)"/> from <paramref name="stream"/>, as <see cref="Load(string)"/>.</summary>
    public void Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        LoadCore(stream, "the stream");
    }

    private void LoadCore(Stream stream, string source)
    {
        var saved = ReadParameters(stream, source);
        var parameters = new List<(string Name, Tensor<T> Value)>(NamedParameters());

        // Everything is checked before anything is written, so a mismatched file leaves the module untouched.
        int common = Math.Min(saved.Count, parameters.Count);
        for (int i = 0; i < common; i++)
        {
            var (name, dims, _) = saved[i];
            var (expectedName, expected) = parameters[i];
            if (name != expectedName)
                throw new InvalidOperationException(
                    $"Load: parameter #{i} is '{name}' in {source} but '{expectedName}' in this {DisplayName}; the file was saved from a different architecture.");
            if (!expected.Shape.SequenceEqual(dims))
                throw new InvalidOperationException(
                    $"Load: parameter '{name}' has shape {ShapeUtil.Format(dims)} in {source} but {ShapeUtil.Format(expected.Shape)} in this {DisplayName}.");
        }
        if (saved.Count != parameters.Count)
        {
            string first = saved.Count > parameters.Count
                ? $"the first extra one in the file is '{saved[common].Name}'"
                : $"the first one missing from the file is '{parameters[common].Name}'";
            throw new InvalidOperationException(
                $"Load: {source} holds {saved.Count} parameters but this {DisplayName} has {parameters.Count}; {first}.");
        }

        for (int i = 0; i < parameters.Count; i++)
        {
            var target = parameters[i].Value.AsSpan();
            var values = saved[i].Values;
            for (int e = 0; e < target.Length; e++)
                target[e] = T.CreateTruncating(values[e]);
        }
    }

    private static List<(string Name, int[] Dims, double[] Values)> ReadParameters(Stream stream, string source)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            Span<byte> magic = stackalloc byte[4];
            reader.BaseStream.ReadExactly(magic);
            if (!magic.SequenceEqual(FileMagic))
                throw new InvalidDataException($"Load: {source} is not a NeuroScope parameter file (it does not start with \"NSPM\").");
            int version = reader.ReadInt32();
            if (version != FileVersion)
                throw new InvalidDataException($"Load: {source} has format version {version}; this build reads version {FileVersion}.");
            int elementSize = reader.ReadInt32();
            if (elementSize != sizeof(float) && elementSize != sizeof(double))
                throw new InvalidDataException($"Load: {source} stores values of {elementSize} bytes; allowed: 4 (float32) or 8 (float64).");
            int count = reader.ReadInt32();
            if (count < 0)
                throw new InvalidDataException($"Load: {source} declares {count} parameters.");

            var result = new List<(string, int[], double[])>(count);
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
                var values = new double[length];
                for (long e = 0; e < length; e++)
                    values[e] = elementSize == sizeof(float) ? reader.ReadSingle() : reader.ReadDouble();
                result.Add((name, dims, values));
            }
            return result;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"Load: {source} is truncated.", e);
        }
    }

    /// <summary>A one-line description of this module's own settings, shown by <see cref="ToString"/> (empty by default).</summary>
    protected virtual string Describe() => "";

    /// <summary>The module tree in PyTorch's style: the type, its settings, and each named child indented below it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text, indent: 0);
        return text.ToString();
    }

    private void AppendTo(StringBuilder text, int indent)
    {
        text.Append(DisplayName).Append('(').Append(Describe());
        if (_modules.Count > 0)
        {
            text.Append('\n');
            foreach (var (name, module) in _modules)
            {
                text.Append(' ', indent + 2).Append('(').Append(name).Append("): ");
                module.AppendTo(text, indent + 2);
                text.Append('\n');
            }
            text.Append(' ', indent);
        }
        text.Append(')');
    }

    // The type's name without the generic arity suffix: "Linear", not "Linear`1".
    private string DisplayName
    {
        get
        {
            string name = GetType().Name;
            int tick = name.IndexOf('`');
            return tick < 0 ? name : name[..tick];
        }
    }
}
