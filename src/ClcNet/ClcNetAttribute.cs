namespace ClcNet;

/// <summary>
/// Declares a clcNet(a, b, c, d) network on a <c>partial class</c>. The ClcNet source generator writes the
/// rest of the class at compile time: a TorchSharp <c>Module&lt;Tensor, Tensor&gt;</c> with one field per
/// layer, an unrolled <c>forward</c>, and the constants <c>ParameterCount</c> and <c>MultiplyAdds</c>.
/// </summary>
/// <remarks>
/// The attribute ships in this runtime library instead of being emitted by the generator as a
/// post-initialisation source. Every generated network needs this library anyway (its layers live here).
/// Shipping the attribute here means it exists once, however many projects run the generator, so
/// <c>InternalsVisibleTo</c> cannot cause duplicate-type clashes (CS0436). It also lets code read a
/// network's attribute back by reflection as the same type.
/// Named properties not given keep the defaults of <see cref="ClcNetSpec"/>.
/// Each generated class registers itself with <see cref="ClcNetRegistry"/> (by <see cref="Name"/> and by spec) when
/// its assembly is first used, unless it is nested in a private or protected type.
/// </remarks>
/// <example>
/// <code>
/// [ClcNet(1, 1, 5, 2)]   // clcNet-A, registered as "mynet"
/// public partial class MyNet { }
///
/// [ClcNet(1, 1, 7, 3, Name = "clcnetb")]
/// public partial class ClcNetB { }
///
/// [ClcNet(1, 1, 1, 1, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 1)]
/// public partial class FashionNet { }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClcNetAttribute : Attribute
{
    private static readonly ClcNetSpec Defaults = new(0, 0, 0, 0);

    /// <summary>Declares clcNet(a, b, c, d).</summary>
    /// <param name="a">Extra blocks in stage 1 (128 channels).</param>
    /// <param name="b">Extra blocks in stage 2 (256 channels).</param>
    /// <param name="c">Extra blocks in stage 3 (512 channels).</param>
    /// <param name="d">Extra blocks in stage 4 (1024 channels).</param>
    public ClcNetAttribute(int a, int b, int c, int d)
    {
        DepthA = a;
        DepthB = b;
        DepthC = c;
        DepthD = d;
    }

    /// <summary>The paper's <c>a</c>: extra blocks in stage 1.</summary>
    public int DepthA { get; }

    /// <summary>The paper's <c>b</c>: extra blocks in stage 2.</summary>
    public int DepthB { get; }

    /// <summary>The paper's <c>c</c>: extra blocks in stage 3.</summary>
    public int DepthC { get; }

    /// <summary>The paper's <c>d</c>: extra blocks in stage 4.</summary>
    public int DepthD { get; }

    /// <summary>Outputs of the classifier (default 1000).</summary>
    public int Classes { get; set; } = Defaults.Classes;

    /// <summary>Input image channels (default 3).</summary>
    public int InputChannels { get; set; } = Defaults.InputChannels;

    /// <summary>Side of the square input (default 224).</summary>
    public int InputSize { get; set; } = Defaults.InputSize;

    /// <summary>Stride of the stem convolution (default 2).</summary>
    public int StemStride { get; set; } = Defaults.StemStride;

    /// <summary>Channels per group of each 3x3 convolution (default 2).</summary>
    public int GroupSize3x3 { get; set; } = Defaults.GroupSize3x3;

    /// <summary>Groups of each 1x1 convolution (default 2).</summary>
    public int PointwiseGroups { get; set; } = Defaults.PointwiseGroups;

    /// <summary>
    /// The name the network registers under in <see cref="ClcNetRegistry"/>, which <c>clcgen --net NAME</c> takes:
    /// letters, digits, '-', '_' and '.', compared case-insensitively. Default: the class name in lower case
    /// (<c>ClcNetA</c> registers as <c>clcneta</c>).
    /// </summary>
    public string? Name { get; set; }

    /// <summary>The spec this attribute declares, as the generator reads it.</summary>
    public ClcNetSpec Spec =>
        new(DepthA, DepthB, DepthC, DepthD, Classes, InputChannels, InputSize, StemStride, GroupSize3x3, PointwiseGroups);
}
