using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Cpu;

/// <summary>The checks of tensors handed to the CPU kernels, with messages that name the tensor and the fix.</summary>
internal static class CpuTensors
{
    /// <summary>Requires a float32 tensor in CPU memory.</summary>
    public static void Require(Tensor tensor, string name)
    {
        if (tensor.device_type != DeviceType.CPU)
        {
            throw new ArgumentException(
                $"CPU kernels: {name} is on {tensor.device}; move the model and its input to the CPU or use ClcKernels.LibTorch.");
        }
        if (tensor.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"CPU kernels compute in float32, got a {tensor.dtype} {name}; convert the model with .to(float32) or use ClcKernels.LibTorch.");
        }
    }

    /// <summary>Requires a contiguous float32 CPU tensor of the given shape to write into.</summary>
    public static void RequireOutput(Tensor tensor, string name, params long[] sizes)
    {
        Require(tensor, name);
        TensorShapes.Require(tensor, name, sizes);
        if (!tensor.is_contiguous())
        {
            throw new ArgumentException($"CPU kernels: {name} must be contiguous; pass a tensor made by torch.empty.");
        }
    }
}
