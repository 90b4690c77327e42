using static TorchSharp.torch;

namespace ClcNet;

/// <summary>The input check shared by run-time-built and generated networks.</summary>
public static class NetworkInput
{
    /// <summary>
    /// Throws unless <paramref name="input"/> is <c>[N, InputChannels, InputSize, InputSize]</c>. The head pools
    /// exactly the planned final map, so any other size would fail deep inside libtorch.
    /// </summary>
    /// <exception cref="ArgumentException">The input has another shape; the message says which is expected.</exception>
    public static void Require(ClcNetSpec spec, Tensor input)
    {
        long channels = spec.InputChannels, size = spec.InputSize;
        if (input.dim() != 4 || input.shape[1] != channels || input.shape[2] != size || input.shape[3] != size)
        {
            throw new ArgumentException(
                $"{spec} expects input [N, {channels}, {size}, {size}], got [{string.Join(", ", input.shape)}]: feed {channels}-channel {size}x{size} images or create the network for the input's channels and size.",
                nameof(input));
        }
    }
}
