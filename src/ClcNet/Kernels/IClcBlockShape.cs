namespace ClcNet.Kernels;

/// <summary>
/// The channel layout of a CLC block, <c>Block(in, out, stride, g1, g2)</c>, as seen by the ILGPU kernels.
/// The kernels are generic over a <c>struct</c> implementing this interface. A struct whose members return
/// constants (what the source generator emits for each block of a declared network) turns every channel
/// count, group size and stride into a constant when the kernel is compiled, so loops have constant trip
/// counts and channel indexing divides by constants (shifts and multiplies on the GPU). <see cref="ClcBlockShape"/>
/// carries the same values at run time, for networks built from a spec that is known only then.
/// </summary>
/// <remarks>
/// ILGPU compiles kernels in a dynamic assembly, so an implementing struct must be <c>public</c> (or its
/// assembly must grant <c>InternalsVisibleTo("ILGPURuntime")</c>). The spatial size is not part of the
/// shape: one specialization serves any input resolution and batch size.
/// </remarks>
public interface IClcBlockShape
{
    /// <summary>Input channels, also the 3x3 convolution's output channels.</summary>
    int InChannels { get; }

    /// <summary>Output channels of the 1x1 convolution.</summary>
    int OutChannels { get; }

    /// <summary>Stride of the 3x3 convolution (padding is always 1).</summary>
    int Stride { get; }

    /// <summary>Groups of the 3x3 convolution and of the interlace (g1).</summary>
    int Groups3x3 { get; }

    /// <summary>Groups of the 1x1 convolution (g2).</summary>
    int Groups1x1 { get; }
}
