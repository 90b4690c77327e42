using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>
/// Builds the network for a spec. The one place that decides which class implements a spec, so that a
/// network declared through the source generator can replace the run-time-built one with a one-line change.
/// </summary>
public static class NetworkFactory
{
    /// <summary>
    /// The network of the default run, on Fashion-MNIST (28x28 grayscale, 10 classes): clcNet(0, 0, 0, 0) with the
    /// reference stem stride 2, chosen for its speed on two CPU cores (see README).
    /// </summary>
    public static readonly ClcNetSpec FashionMnistSpec = new(0, 0, 0, 0, classes: 10, inputChannels: 1, inputSize: 28, stemStride: 2);

    /// <summary>A freshly initialised network for <paramref name="spec"/>, on the CPU.</summary>
    /// <exception cref="ArgumentException">The spec breaks a rule; the message names it.</exception>
    public static nn.Module<Tensor, Tensor> Create(ClcNetSpec spec) => ClcNetModel.Create(spec);

    /// <summary><paramref name="spec"/> with its classifier resized to <paramref name="classes"/> outputs.</summary>
    public static ClcNetSpec WithClasses(ClcNetSpec spec, int classes) => new(spec.DepthA, spec.DepthB, spec.DepthC,
        spec.DepthD, classes, spec.InputChannels, spec.InputSize, spec.StemStride, spec.GroupSize3x3, spec.PointwiseGroups);
}
