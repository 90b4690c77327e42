using ClcNet.Modules;
using static TorchSharp.torch;

namespace ClcNet;

/// <summary>Switches the kernels of every CLC block in a module tree.</summary>
public static class ModuleKernelExtensions
{
    /// <summary>
    /// Sets <see cref="ClcBlock.Kernels"/> on every <see cref="ClcBlock"/> inside <paramref name="module"/>
    /// (a run-time <see cref="ClcNetModel"/>, a generated network, or any tree containing blocks).
    /// </summary>
    /// <returns><paramref name="module"/>, for chaining.</returns>
    /// <exception cref="ArgumentException">A block's shape cannot run on the chosen kernels; the message says why.</exception>
    public static T UseKernels<T>(this T module, ClcKernels kernels) where T : nn.Module
    {
        foreach (ClcBlock block in module.modules().OfType<ClcBlock>())
        {
            block.Kernels = kernels;
        }
        return module;
    }
}
