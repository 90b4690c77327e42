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
    /// <exception cref="ArgumentException">
    /// A block's shape cannot run on the chosen kernels; the message says why, and every block keeps the kernels it had.
    /// </exception>
    public static T UseKernels<T>(this T module, ClcKernels kernels) where T : nn.Module
    {
        ClcBlock[] blocks = module.modules().OfType<ClcBlock>().ToArray();
        ClcKernels[] before = blocks.Select(block => block.Kernels).ToArray();
        try
        {
            foreach (ClcBlock block in blocks)
            {
                block.Kernels = kernels;
            }
        }
        catch (ArgumentException)
        {
            // All or nothing: a network whose first stages switched and whose last did not would be a surprise.
            for (int i = 0; i < blocks.Length; i++)
            {
                blocks[i].Kernels = before[i];
            }
            throw;
        }
        return module;
    }
}
