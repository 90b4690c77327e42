namespace ClcNet.Training.Networks;

/// <summary>
/// clcNet-A, clcNet(1, 1, 5, 2) for ImageNet (1000 classes, 3 x 224 x 224): the paper's smaller network, 70.4% top-1
/// (docs/clcnet.md#network-table). Registered as <c>clcneta</c>, the original's <c>-netType</c> name. The source
/// generator writes the rest of this class.
/// </summary>
[ClcNet(1, 1, 5, 2, Name = "clcneta")]
public sealed partial class ClcNetA;
