using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// libtorch's version counter of a tensor (PyTorch's <c>tensor._version</c>), which in-place operations bump: an
/// optimiser step, <c>copy_</c> (and so <c>load_state_dict</c>), <c>normal_</c>, <c>add_</c>. Not batch norm's own
/// update of its running statistics (see <see cref="FoldedBatchNorm.Sources"/>). TorchSharp does not expose it, so it
/// is read through libtorch's exported
/// <c>at::TensorBase::_version()</c>; a TorchSharp tensor handle is a pointer to an <c>at::Tensor</c>.
/// </summary>
/// <remarks>
/// Writes that bypass libtorch (raw memory behind <c>Tensor.data&lt;T&gt;()</c> or <c>Tensor.bytes</c>) do not
/// bump it. Inference tensors (created under <c>torch.inference_mode()</c>) have no counter: asking them throws
/// in libtorch, so <see cref="Of"/> checks <c>is_inference</c> first and returns null.
/// </remarks>
internal static unsafe class TensorVersion
{
    // Itanium C++ ABI names (Linux, macOS) and MSVC's (Windows) of at::TensorBase::_version() const and
    // at::native::is_inference(const at::Tensor&).
    private static readonly string[] VersionNames = ["_ZNK2at10TensorBase8_versionEv", "?_version@TensorBase@at@@QEBA_JXZ"];
    private static readonly string[] IsInferenceNames = ["_ZN2at6native12is_inferenceERKNS_6TensorE", "?is_inference@native@at@@YA_NAEBVTensor@2@@Z"];

    private static readonly delegate* unmanaged<IntPtr, long> Version;
    private static readonly delegate* unmanaged<IntPtr, byte> IsInference;

    static TensorVersion()
    {
        if (TryLoadLibtorch(out IntPtr library)
            && Find(library, VersionNames) is var version && version != 0
            && Find(library, IsInferenceNames) is var isInference && isInference != 0)
        {
            Version = (delegate* unmanaged<IntPtr, long>)version;
            IsInference = (delegate* unmanaged<IntPtr, byte>)isInference;
        }
    }

    /// <summary>Whether this platform's libtorch exports the counter.</summary>
    public static bool IsAvailable => Version != null;

    /// <summary>The version counter of <paramref name="tensor"/>, or null when it cannot be read.</summary>
    public static long? Of(Tensor tensor)
    {
        if (Version == null)
        {
            return null;
        }
        IntPtr handle = tensor.Handle;
        return IsInference(handle) != 0 ? null : Version(handle);
    }

    private static bool TryLoadLibtorch(out IntPtr library)
    {
        // Touching torch loads the native libraries; resolved against TorchSharp's assembly, the names find those copies.
        _ = TorchSharp.torch.get_num_threads();
        foreach (string name in new[] { "libtorch_cpu", "torch_cpu" })
        {
            if (NativeLibrary.TryLoad(name, typeof(TorchSharp.torch).Assembly, null, out library))
            {
                return true;
            }
        }
        library = 0;
        return false;
    }

    private static IntPtr Find(IntPtr library, string[] names)
    {
        foreach (string name in names)
        {
            if (NativeLibrary.TryGetExport(library, name, out IntPtr address))
            {
                return address;
            }
        }
        return 0;
    }
}
