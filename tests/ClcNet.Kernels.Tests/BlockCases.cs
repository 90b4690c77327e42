namespace ClcNet.Kernels.Tests;

/// <summary>The tiny block shapes every kernel test runs: (in, out, stride, g1, g2, input size, batch).</summary>
public static class BlockCases
{
    public static TheoryData<int, int, int, int, int, int, int> All => new()
    {
        { 4, 8, 1, 2, 2, 5, 2 },   // the published layout (2-channel 3x3 groups, two 1x1 groups), odd size
        { 8, 8, 2, 4, 2, 6, 2 },   // stride 2, even size
        { 8, 16, 2, 4, 2, 7, 1 },  // stride 2, odd size
        { 12, 6, 1, 3, 3, 4, 2 },  // 4-channel 3x3 groups, three 1x1 groups, fewer outputs than inputs
        { 6, 4, 1, 6, 2, 5, 1 },   // depthwise 3x3
        { 16, 16, 1, 8, 2, 9, 1 }, // 81 output pixels: several tiles of the fused kernel, the last one partial
    };
}

/// <summary>
/// A constant shape in the form the source generator emits for each block of a declared network (here
/// Block(8, 8, 2, 4, 2)): every member returns a literal, so ILGPU compiles the kernels with constants.
/// Internal, as generated code may be: ILGPU's dynamic assembly reaches it through the assembly's
/// <c>InternalsVisibleTo("ILGPURuntime")</c> (see IlgpuRuntimeAccess.cs).
/// </summary>
internal readonly struct GeneratedStyleShape : IClcBlockShape
{
    public int InChannels => 8;

    public int OutChannels => 8;

    public int Stride => 2;

    public int Groups3x3 => 4;

    public int Groups1x1 => 2;
}
