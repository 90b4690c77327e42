using ClcNet.Cli;
using ClcNet.Cli.Commands;

namespace ClcNet.Training.Tests.Cli;

/// <summary><c>--kernels</c> of <c>train</c>, <c>eval</c> and <c>bench</c>: the values each accepts, and the one-line errors.</summary>
public sealed class KernelsArgumentsTests
{
    [Fact]
    public void TrainRunsTheBlocksOnLibTorchUnlessToldIlgpu()
    {
        Assert.Equal(ClcKernels.LibTorch, TrainCommand.Parse().Kernels);
        Assert.Equal(ClcKernels.LibTorch, TrainCommand.Parse("--kernels", "libtorch").Kernels);
        Assert.Equal(ClcKernels.Ilgpu, TrainCommand.Parse("--kernels", "ilgpu").Kernels);
    }

    [Theory]
    [InlineData("train --kernels cuda", "--kernels cuda: unknown kernels; use libtorch or ilgpu (see clcgen train --help)")]
    [InlineData("train --kernels both", "--kernels both: unknown kernels; use libtorch or ilgpu (see clcgen train --help)")]
    [InlineData("train --kernels all", "--kernels all: unknown kernels; use libtorch or ilgpu (see clcgen train --help)")]
    [InlineData("eval --model m --kernels ILGPU", "--kernels ILGPU: unknown kernels; use libtorch or ilgpu (see clcgen eval --help)")]
    [InlineData("bench --kernels cudnn", "--kernels cudnn: unknown kernels; use libtorch, ilgpu or all (see clcgen bench --help)")]
    [InlineData("bench --batch 0", "--batch 0: must be at least 1 (see clcgen bench --help)")]
    [InlineData("bench --repeats 0", "--repeats 0: must be at least 1 (see clcgen bench --help)")]
    [InlineData("bench --warmup -1", "--warmup -1: must be at least 0 (see clcgen bench --help)")]
    [InlineData("bench --net resnet50", "--net resnet50: unknown network; use clcneta or clcnetb, or give the depths with -a -b -c -d (see clcgen bench --help)")]
    public void BadValuesAreOneLineErrorsWithExitCode2(string commandLine, string message) =>
        CliRun.AssertUsageError(commandLine, message);

    [Fact]
    public void ANetworkWhoseBlocksTheFusedKernelCannotHoldIsAUsageErrorForIlgpuOnly()
    {
        // One 1x1 group over 1024 channels: a 16-pixel tile of them is 64 KiB, over the kernel's 48 KiB of shared memory.
        var spec = new ClcNetSpec(0, 0, 0, 1, classes: 10, inputChannels: 1, inputSize: 28, pointwiseGroups: 1);

        KernelSupport.Require(spec, ClcKernels.LibTorch);
        var error = Assert.Throws<UsageException>(() => KernelSupport.Require(spec, ClcKernels.Ilgpu));

        Assert.StartsWith($"--kernels ilgpu cannot run stage4.block1 of {spec}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
