using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests.Cpu;

/// <summary>A ClcBlock on the CPU kernels where autograd records: against the same block on libtorch.</summary>
public sealed class ClcBlockCpuTrainingTests
{
    [Theory]
    [MemberData(nameof(CpuCases.Shapes), MemberType = typeof(CpuCases))]
    public void Training_forward_and_backward_match_libtorch_including_running_statistics(
        int inChannels, int outChannels, int stride, int groups3x3, int groups1x1, int size, int batch)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(inChannels, outChannels, stride, groups3x3, groups1x1);

        ClcBlockTrainingTests.AssertTrainingStepMatches(ClcKernels.Cpu, shape, batch, size, seed: 71);
    }
}
