using System.Reflection;

namespace ClcNet.Interop.Torch7;

/// <summary>
/// The 1000 ILSVRC-2012 (ImageNet-1k) class names in the standard class order: the synset ids sorted, which
/// is the order fb.resnet.torch (and so the original clcNet) numbers its classes in. Source and licence:
/// <c>Ilsvrc2012Classes.md</c> next to this file.
/// </summary>
public static class Ilsvrc2012Classes
{
    private static readonly Lazy<IReadOnlyList<string>> LazyNames = new(Load);

    /// <summary>Name of class 0 (tench) to 999 (toilet tissue).</summary>
    public static IReadOnlyList<string> Names => LazyNames.Value;

    private static IReadOnlyList<string> Load()
    {
        using Stream stream = typeof(Ilsvrc2012Classes).Assembly.GetManifestResourceStream("ClcNet.Interop.Torch7.Ilsvrc2012Classes.txt")
            ?? throw new InvalidOperationException("the ILSVRC-2012 class names are missing from ClcNet.Interop");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).AsReadOnly();
    }
}
