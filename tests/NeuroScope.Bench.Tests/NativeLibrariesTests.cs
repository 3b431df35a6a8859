using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NeuroScope.Bench.Torch;

namespace NeuroScope.Bench.Tests;

public class NativeLibrariesTests
{
    [Fact]
    public void AVersionRequirementIsMarkedWeakAndNothingElseChanges()
    {
        // The runtime's own native library is an ELF file on Linux x64 that needs GLIBC_2.2.5 from libc.
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return;
        string original = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libcoreclr.so");
        string copy = Path.GetTempFileName();
        try
        {
            File.Copy(original, copy, overwrite: true);
            byte[] before = File.ReadAllBytes(copy);
            int entry = NativeLibraries.FindVersionRequirement(before, "GLIBC_2.2.5") ?? throw new Xunit.Sdk.XunitException("no GLIBC_2.2.5 requirement found");
            Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(before.AsSpan(entry + 4)) & 2);

            Assert.True(NativeLibraries.MarkVersionWeak(copy, "GLIBC_2.2.5"));

            byte[] after = File.ReadAllBytes(copy);
            Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(after.AsSpan(entry + 4)) & 2);
            Assert.Equal(before.Length, after.Length);
            Assert.Equal(1, before.Zip(after).Count(pair => pair.First != pair.Second));
            Assert.False(NativeLibraries.MarkVersionWeak(copy, "GLIBCXX_9.9.9"));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void AFileThatIsNotElfHasNoVersionRequirements()
    {
        Assert.Null(NativeLibraries.FindVersionRequirement("not an ELF file, just text of some length....................................."u8, "GLIBCXX_3.4.32"));
        Assert.Null(NativeLibraries.FindVersionRequirement([], "GLIBCXX_3.4.32"));
    }
}
