using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace NeuroScope.Bench.Torch;

/// <summary>
/// Makes TorchSharp's native bridge loadable where the system's C++ library is older than the one it was linked against.
/// </summary>
/// <remarks>
/// LibTorchSharp 0.107 was built with GCC 13, which makes every file that includes &lt;iostream&gt; name the symbol
/// <c>std::ios_base_library_init()</c> (version GLIBCXX_3.4.32) only to force linking; nothing calls it or relocates
/// against it. Debian 12's libstdc++ (GCC 12) stops at GLIBCXX_3.4.30, so the dynamic loader refuses the whole
/// library for that one version name. When loading fails for that reason, this marks that one version requirement
/// weak (VER_FLG_WEAK, as the linker does for weak references) in the build output's copy of the library, so the
/// loader accepts its absence; no code or data changes. libtorch itself needs nothing newer than the system has.
/// </remarks>
internal static class NativeLibraries
{
    private const string Bridge = "libLibTorchSharp.so";
    private const string MissingVersion = "GLIBCXX_3.4.32";

    /// <summary>Loads libtorch and TorchSharp's bridge from the build output, fixing the bridge first where it needs it (Linux only).</summary>
    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux())
            return;
        string? bridge = new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") }
            .Select(d => Path.Combine(d, Bridge)).FirstOrDefault(File.Exists);
        if (bridge is null)
            return; // TorchSharp looks elsewhere and explains what it misses.
        // The bridge's dependencies sit beside it: load them by path first, as TorchSharp does.
        NativeLibrary.Load(Path.Combine(Path.GetDirectoryName(bridge)!, "libtorch_cpu.so"));
        try
        {
            NativeLibrary.Load(bridge);
        }
        catch (DllNotFoundException e) when (e.Message.Contains(MissingVersion, StringComparison.Ordinal))
        {
            if (!MarkVersionWeak(bridge, MissingVersion))
                throw;
            NativeLibrary.Load(bridge);
        }
    }

    /// <summary>Sets VER_FLG_WEAK on the ELF version requirement named <paramref name="version"/>; false when there is none to mark.</summary>
    internal static bool MarkVersionWeak(string path, string version)
    {
        byte[] elf = File.ReadAllBytes(path);
        int? entry = FindVersionRequirement(elf, version);
        if (entry is not { } at)
            return false;
        const ushort Weak = 0x2;
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(at + 4));
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(at + 4), (ushort)(flags | Weak));
        // Written aside and renamed: a reader never sees half a library.
        string aside = path + ".tmp";
        File.WriteAllBytes(aside, elf);
        File.Move(aside, path, overwrite: true);
        return true;
    }

    /// <summary>The file offset of the Elf64_Vernaux entry that names <paramref name="version"/> in a 64-bit little-endian ELF file, or null.</summary>
    internal static int? FindVersionRequirement(ReadOnlySpan<byte> elf, string version)
    {
        const uint VersionNeeds = 0x6ffffffe; // SHT_GNU_verneed
        if (elf.Length < 64 || !elf[..4].SequenceEqual((ReadOnlySpan<byte>)[0x7f, (byte)'E', (byte)'L', (byte)'F']) || elf[4] != 2 || elf[5] != 1)
            return null;
        long sectionTable = BinaryPrimitives.ReadInt64LittleEndian(elf[0x28..]);
        int sectionSize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int sections = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        for (int s = 0; s < sections; s++)
        {
            var header = elf[(int)(sectionTable + s * sectionSize)..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(header[4..]) != VersionNeeds)
                continue;
            int offset = (int)BinaryPrimitives.ReadInt64LittleEndian(header[0x18..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x28..]);
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(header[0x2C..]);
            var strings = elf[(int)(sectionTable + link * sectionSize)..];
            int stringTable = (int)BinaryPrimitives.ReadInt64LittleEndian(strings[0x18..]);
            for (int n = 0; n < count; n++)
            {
                // Elf64_Verneed: vn_version, vn_cnt (u16); vn_file, vn_aux, vn_next (u32).
                int entries = BinaryPrimitives.ReadUInt16LittleEndian(elf[(offset + 2)..]);
                int aux = offset + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(offset + 8)..]);
                for (int a = 0; a < entries; a++)
                {
                    // Elf64_Vernaux: vna_hash (u32), vna_flags, vna_other (u16), vna_name, vna_next (u32).
                    int name = stringTable + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 8)..]);
                    int end = elf[name..].IndexOf((byte)0);
                    if (Encoding.ASCII.GetString(elf.Slice(name, end)) == version)
                        return aux;
                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(aux + 12)..]);
                }
                int next = (int)BinaryPrimitives.ReadUInt32LittleEndian(elf[(offset + 12)..]);
                if (next == 0)
                    break;
                offset += next;
            }
        }
        return null;
    }
}
