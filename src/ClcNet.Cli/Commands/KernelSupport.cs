using ClcNet.Interop.Models;
using ClcNet.Kernels;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary>Turns a network that cannot run on the chosen kernels into a one-line usage error, before any work.</summary>
internal static class KernelSupport
{
    /// <exception cref="UsageException">
    /// A block of <paramref name="spec"/> cannot run on <paramref name="kernels"/>, or they cannot run on <paramref name="device"/>.
    /// </exception>
    public static void Require(ClcNetSpec spec, ClcKernels kernels, DeviceType device)
    {
        if (kernels == ClcKernels.Cpu && device != DeviceType.CPU)
        {
            throw new UsageException($"--kernels cpu runs on CPU tensors, not on {device.ToString().ToLowerInvariant()}; use --device cpu, or --kernels libtorch or auto");
        }
        if (kernels != ClcKernels.Ilgpu)
        {
            return;
        }
        // The rule ClcBlock.Kernels enforces when UseKernels switches the network, checked here so that the user
        // hears of it before data is loaded and weights are initialised.
        foreach (PlannedBlock block in LayerPlan.For(spec).Blocks)
        {
            if (FusedClcBlockKernel.Unsupported(ClcBlockShape.From(block)) is string problem)
            {
                throw new UsageException($"--kernels ilgpu cannot run {block.Name} of {spec}: {problem}");
            }
        }
    }

    /// <summary>
    /// Switches <paramref name="model"/>'s CLC blocks to the kernels <paramref name="choice"/> resolves to on
    /// <paramref name="device"/> (<see cref="LoadedModel.KernelsFor"/>; none for an ONNX model), checked first.
    /// </summary>
    /// <exception cref="UsageException">A block cannot run on those kernels, or they cannot run on the device.</exception>
    /// <exception cref="ModelFileException">Other kernels than libtorch's were chosen for an ONNX model.</exception>
    public static void Apply(LoadedModel model, ClcKernels? choice, Device device)
    {
        if (model.KernelsFor(choice, device.type) is { } kernels)
        {
            Require(model.Spec, kernels, device.type);
            model.UseKernels(kernels);
        }
    }
}
