using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>Checks of the tensors handed to kernels, with messages that name the tensor and the fix.</summary>
internal static class TensorShapes
{
    /// <summary>Requires <paramref name="tensor"/> to be 4-d with the given sizes (-1: any).</summary>
    public static void Require(Tensor tensor, string name, params long[] sizes)
    {
        long[] actual = tensor.shape;
        bool fits = actual.Length == sizes.Length
            && sizes.Select((size, i) => size < 0 || size == actual[i]).All(match => match);
        if (!fits)
        {
            string expected = string.Join(", ", sizes.Select(size => size < 0 ? "*" : size.ToString()));
            throw new ArgumentException(
                $"CLC block kernels: {name} must have shape [{expected}], got [{string.Join(", ", actual)}]; pass a tensor of the block's shape.");
        }
    }
}
