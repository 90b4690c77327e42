using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace ClcNet.Kernels;

/// <summary>
/// The one ILGPU context and accelerator of the process, created on first use: the first CUDA device when
/// ILGPU finds one, else ILGPU's CPU accelerator. Every kernel launch takes <see cref="Gate"/>, so blocks on
/// several threads (data loader, autograd) never interleave transfers and launches on the shared stream.
/// </summary>
public static class ClcAccelerator
{
    private static readonly Lazy<(Context Context, Accelerator Accelerator)> Instance = new(Create);

    /// <summary>The accelerator the kernels run on.</summary>
    public static Accelerator Current => Instance.Value.Accelerator;

    /// <summary>Taken around every transfer-launch-copy-back sequence.</summary>
    internal static object Gate { get; } = new();

    /// <summary>A one-line description, e.g. for <c>clcgen bench</c>.</summary>
    public static string Describe() => $"ILGPU {Current.AcceleratorType}: {Current.Name}";

    private static (Context, Accelerator) Create()
    {
        var context = Context.Create(builder => builder.CPU().Cuda().Optimize(OptimizationLevel.O2));
        Accelerator accelerator = context.GetCudaDevices().Count > 0
            ? context.CreateCudaAccelerator(0)
            : context.CreateCPUAccelerator(0);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            accelerator.Dispose();
            context.Dispose();
        };
        return (context, accelerator);
    }
}
