namespace ClcNet.Training.Networks;

/// <summary>
/// clcNet-B, clcNet(1, 1, 7, 3) for ImageNet (1000 classes, 3 x 224 x 224): the paper's larger network, 71.6% top-1
/// (docs/clcnet.md#network-table). Registered as <c>clcnetb</c>, the original's <c>-netType</c> name. The source
/// generator writes the rest of this class.
/// </summary>
[ClcNet(1, 1, 7, 3, Name = "clcnetb")]
public sealed partial class ClcNetB;
