using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Support;

internal static class Tensors
{
    /// <summary>Same shape and bit-for-bit the same values.</summary>
    public static bool Identical(Tensor expected, Tensor actual) =>
        expected.shape.SequenceEqual(actual.shape) && expected.eq(actual).all().item<bool>();
}
