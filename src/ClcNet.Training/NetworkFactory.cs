using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>
/// Builds the network for a spec: the compile-time <see cref="FashionMnistNet"/> for its spec, else a network
/// built at run time by <see cref="ClcNetModel.Create"/>. Both have the same parameter names and layout, so
/// their checkpoints are interchangeable.
/// </summary>
public static class NetworkFactory
{
    /// <summary>The spec of the default run on Fashion-MNIST.</summary>
    public static ClcNetSpec FashionMnistSpec => FashionMnistNet.Spec;

    /// <summary>A freshly initialised network for <paramref name="spec"/>, on the CPU.</summary>
    /// <exception cref="ArgumentException">The spec breaks a rule; the message names it.</exception>
    public static nn.Module<Tensor, Tensor> Create(ClcNetSpec spec) =>
        spec == FashionMnistNet.Spec ? new FashionMnistNet() : ClcNetModel.Create(spec);
}
