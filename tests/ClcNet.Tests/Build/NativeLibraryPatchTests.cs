using ClcNet.Build;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Tests.Build;

public class NativeLibraryPatchTests
{
    private static string OutputCopy() =>
        new[] { "libLibTorchSharp.so", "runtimes/linux-x64/native/libLibTorchSharp.so" }
            .Select(path => Path.Combine(AppContext.BaseDirectory, path))
            .First(File.Exists);

    [Fact]
    public void TorchSharpLoadsAndRunsAConvolution()
    {
        // A 3x3 all-ones kernel over a 3x3 all-ones image with padding 1 counts each pixel's neighbours.
        using Tensor image = ones(1, 1, 3, 3);
        using Tensor kernel = ones(1, 1, 3, 3);
        using Tensor result = nn.functional.conv2d(image, kernel, padding: [1, 1]);

        float[] expected = [4, 6, 4, 6, 9, 6, 4, 6, 4];
        Assert.Equal(expected, result.data<float>().ToArray());
    }

    [Fact]
    public void OutputCopyIsWeakExactlyWhenTheHostLacksTheVersion()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        byte[] elf = File.ReadAllBytes(OutputCopy());
        IReadOnlyList<long> flags = ElfVersions.FindVersionNeedFlags(elf, WeakenGlibcxxVersionNeed.Version);
        Assert.Single(flags);

        string? host = ElfVersions.FindHostLibStdCxx();
        bool hostHasIt = host != null && ElfVersions.DefinesVersion(host, WeakenGlibcxxVersionNeed.Version);
        bool weak = (elf[flags[0]] & ElfVersions.WeakFlag) != 0;
        Assert.Equal(!hostHasIt, weak);
    }

    [Fact]
    public void MarkingWeakChangesOnlyThatFlagAndIsIdempotent()
    {
        string original = OutputCopy();
        string copy = Path.Combine(Path.GetTempPath(), $"clcnet-elf-{Guid.NewGuid():N}.so");
        try
        {
            byte[] unpatched = File.ReadAllBytes(original);
            long flags = ElfVersions.FindVersionNeedFlags(unpatched, WeakenGlibcxxVersionNeed.Version).Single();
            unpatched[flags] &= unchecked((byte)~ElfVersions.WeakFlag);
            File.WriteAllBytes(copy, unpatched);

            Assert.True(ElfVersions.MarkVersionNeedWeak(copy, WeakenGlibcxxVersionNeed.Version));
            byte[] patched = File.ReadAllBytes(copy);

            Assert.Equal(unpatched.Length, patched.Length);
            int[] changed = Enumerable.Range(0, patched.Length).Where(i => patched[i] != unpatched[i]).ToArray();
            Assert.Equal([(int)flags], changed);
            Assert.Equal(ElfVersions.WeakFlag, patched[flags] & ElfVersions.WeakFlag);
            Assert.False(ElfVersions.MarkVersionNeedWeak(copy, WeakenGlibcxxVersionNeed.Version));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void HostLibStdCxxDefinesItsOwnBaseVersion()
    {
        string? host = ElfVersions.FindHostLibStdCxx();
        if (host == null)
        {
            return;
        }
        Assert.True(ElfVersions.DefinesVersion(host, "GLIBCXX_3.4"));
        Assert.False(ElfVersions.DefinesVersion(host, "GLIBCXX_0.0.0-not-a-version"));
    }

    [Fact]
    public void NonElfInputIsRejected()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersions.FindVersionNeedFlags(new byte[100], "GLIBCXX_3.4.32"));
    }
}
