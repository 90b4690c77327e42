using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using TorchSharp;
using static TorchSharp.torch;
using TorchDevice = TorchSharp.torch.Device;

namespace ClcNet.Kernels;

/// <summary>
/// Makes TorchSharp tensors visible to one kernel launch as ILGPU views, moving as little as the platform
/// allows:
/// <list type="bullet">
/// <item>CPU accelerator, CPU tensors: the view wraps the tensor's own memory. Nothing is copied; kernels
/// read the inputs in place and write straight into the output tensors.</item>
/// <item>CUDA accelerator, CPU tensors (the TorchSharp-cpu build): one host-to-device copy per input, read
/// straight from the tensor's memory, and one device-to-host copy into each output tensor; no staging
/// array on either side.</item>
/// <item>CUDA accelerator, CUDA tensors (the TorchSharp-cuda build): one device-to-device copy each way.
/// Wrapping libtorch's device pointer is not possible: ILGPU 1.5.3 creates its own CUDA context
/// (cuCtxCreate), memory of libtorch's primary context is not guaranteed addressable from another
/// context's kernels, and ILGPU has no public way to adopt a foreign allocation as a memory buffer. The
/// copy goes through unified addressing (cuMemcpyAsync), which may cross contexts. This path has not run
/// in this repository's CI, which has no GPU.</item>
/// </list>
/// Call <see cref="Complete"/> after the launches to wait for them and deliver the outputs.
/// </summary>
internal sealed class TensorBinding : IDisposable
{
    private readonly Accelerator accelerator = ClcAccelerator.Current;
    private readonly List<IDisposable> owned = [];
    private readonly List<Action> copiesBack = [];

    /// <summary>A view of <paramref name="tensor"/>'s values for a kernel to read.</summary>
    public ArrayView<float> Read(Tensor tensor)
    {
        RequireFloat32(tensor);
        Tensor source = tensor.is_contiguous() ? tensor : Own(tensor.contiguous());
        long length = source.numel();
        IntPtr address = TensorMemory.Address(source);
        if (source.device_type == DeviceType.CPU)
        {
            ArrayView<float> host = WrapHost(address, length);
            if (accelerator.AcceleratorType == AcceleratorType.CPU)
            {
                return host;
            }
            ArrayView<float> device = Own(accelerator.Allocate1D<float>(length)).View;
            device.CopyFrom(host);
            return device;
        }
        ArrayView<float> deviceCopy = Own(accelerator.Allocate1D<float>(length)).View;
        CopyDevice(deviceCopy.LoadEffectiveAddressAsPtr(), address, length, source.device);
        return deviceCopy;
    }

    /// <summary>A view a kernel writes <paramref name="tensor"/>'s values into (a fresh contiguous tensor).</summary>
    public ArrayView<float> Write(Tensor tensor)
    {
        RequireFloat32(tensor);
        if (!tensor.is_contiguous())
        {
            throw new ArgumentException("ILGPU kernels write into contiguous tensors only.", nameof(tensor));
        }
        long length = tensor.numel();
        IntPtr address = TensorMemory.Address(tensor);
        if (tensor.device_type == DeviceType.CPU)
        {
            ArrayView<float> host = WrapHost(address, length);
            if (accelerator.AcceleratorType == AcceleratorType.CPU)
            {
                return host;
            }
            ArrayView<float> device = Own(accelerator.Allocate1D<float>(length)).View;
            copiesBack.Add(() => device.CopyTo(host));
            return device;
        }
        ArrayView<float> deviceCopy = Own(accelerator.Allocate1D<float>(length)).View;
        TorchDevice torchDevice = tensor.device;
        copiesBack.Add(() => CopyDevice(address, deviceCopy.LoadEffectiveAddressAsPtr(), length, torchDevice));
        return deviceCopy;
    }

    /// <summary>Waits for the launches and copies every output view back into its tensor.</summary>
    public void Complete()
    {
        accelerator.Synchronize();
        foreach (Action copy in copiesBack)
        {
            copy();
        }
        accelerator.Synchronize();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        for (int i = owned.Count - 1; i >= 0; i--)
        {
            owned[i].Dispose();
        }
        owned.Clear();
    }

    private ArrayView<float> WrapHost(IntPtr address, long length) =>
        Own(CPUMemoryBuffer.Create(accelerator, address, length, sizeof(float))).AsArrayView<float>(0, length);

    private void CopyDevice(IntPtr destination, IntPtr source, long length, TorchDevice torchDevice)
    {
        if (accelerator is not CudaAccelerator || torchDevice.type != DeviceType.CUDA)
        {
            throw new InvalidOperationException(
                $"ILGPU kernels run on the {accelerator.AcceleratorType} accelerator and cannot reach tensors on {torchDevice}; "
                + "move the model and its input to the CPU or use ClcKernels.LibTorch.");
        }
        // libtorch queues work on its own stream: finish it before reading or overwriting its memory.
        torch.cuda.synchronize(torchDevice);
        CudaException.ThrowIfFailed(CudaAPI.CurrentAPI.MemcpyAsync(
            destination, source, new IntPtr(length * sizeof(float)), accelerator.DefaultStream));
    }

    private T Own<T>(T resource) where T : IDisposable
    {
        owned.Add(resource);
        return resource;
    }

    private static void RequireFloat32(Tensor tensor)
    {
        if (tensor.dtype != ScalarType.Float32)
        {
            throw new ArgumentException(
                $"ILGPU kernels compute in float32, got a {tensor.dtype} tensor; convert the model with .to(float32) or use ClcKernels.LibTorch.");
        }
    }
}
