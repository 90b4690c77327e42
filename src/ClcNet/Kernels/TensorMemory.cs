using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>Where a float32 tensor's first value lies in memory, for kernels that read or write it in place.</summary>
internal static class TensorMemory
{
    /// <summary>The address of <paramref name="tensor"/>'s first value (its storage plus its offset).</summary>
    public static IntPtr Address(Tensor tensor)
    {
        using Storage<float> storage = tensor.storage<float>();
        return storage.data_ptr() + checked((nint)(tensor.storage_offset() * sizeof(float)));
    }
}
