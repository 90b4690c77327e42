using ClcNet.Build;

namespace ClcNet.Packaging.Tests;

/// <summary>Checks a copy of TorchSharp's native glue, libLibTorchSharp.so, that goes to other machines.</summary>
internal static class TorchSharpGlue
{
    /// <summary>
    /// Asserts that the library's one need of GLIBCXX_3.4.32 is marked weak, whatever this host's libstdc++ has,
    /// so that it loads on hosts whose libstdc++ predates GCC 13.
    /// </summary>
    public static void AssertLoadsWithOlderLibStdCxx(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        long flags = Assert.Single(ElfVersions.FindVersionNeedFlags(elf, WeakenGlibcxxVersionNeed.Version));
        Assert.True((elf[flags] & ElfVersions.WeakFlag) != 0, $"{path} needs {WeakenGlibcxxVersionNeed.Version} strictly");
    }
}
