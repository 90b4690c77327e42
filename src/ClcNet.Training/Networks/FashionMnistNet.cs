namespace ClcNet.Training.Networks;

/// <summary>
/// The network of the default run on Fashion-MNIST (28x28 grayscale, 10 classes), declared at compile time:
/// clcNet(0, 0, 0, 0) with the reference stem stride 2, chosen for its speed on two CPU cores (see README).
/// The source generator writes the rest of this class; it registers as <c>fashionmnistnet</c>.
/// </summary>
[ClcNet(0, 0, 0, 0, Classes = 10, InputChannels = 1, InputSize = 28, StemStride = 2)]
public sealed partial class FashionMnistNet;
