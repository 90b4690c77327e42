using ClcNet.Cli;
using ClcNet.Cli.Commands;
using TorchSharp;

namespace ClcNet.Cli.Tests;

/// <summary><c>--kernels</c> of <c>train</c>, <c>eval</c>, <c>classify</c> and <c>bench</c>: the values each accepts, and the one-line errors.</summary>
public sealed class KernelsArgumentsTests
{
    [Fact]
    public void TrainRunsTheBlocksOnTheKernelsAskedForAndAutoUnlessTold()
    {
        Assert.Null(TrainCommand.Parse().Overrides.Kernels);
        Assert.Null(TrainCommand.Parse("--kernels", "auto").Overrides.Kernels);
        Assert.Equal(ClcKernels.LibTorch, TrainCommand.Parse("--kernels", "libtorch").Overrides.Kernels);
        Assert.Equal(ClcKernels.Ilgpu, TrainCommand.Parse("--kernels", "ilgpu").Overrides.Kernels);
        Assert.Equal(ClcKernels.Cpu, TrainCommand.Parse("--kernels", "cpu").Overrides.Kernels);
    }

    [Fact]
    public void AutoIsTheCpuKernelsOnTheCpuAndLibTorchElsewhere()
    {
        Assert.Equal(ClcKernels.Cpu, DefaultKernels.Resolve(null, DeviceType.CPU));
        Assert.Equal(ClcKernels.LibTorch, DefaultKernels.Resolve(null, DeviceType.CUDA));
        Assert.Equal(ClcKernels.LibTorch, DefaultKernels.Resolve(ClcKernels.LibTorch, DeviceType.CPU));
    }

    [Theory]
    [InlineData("train --kernels cuda", "--kernels cuda: unknown kernels; use libtorch, ilgpu, cpu or auto (see clcgen train --help)")]
    [InlineData("train --kernels all", "--kernels all: unknown kernels; use libtorch, ilgpu, cpu or auto (see clcgen train --help)")]
    [InlineData("eval --model m --kernels ILGPU", "--kernels ILGPU: unknown kernels; use libtorch, ilgpu, cpu or auto (see clcgen eval --help)")]
    [InlineData("classify --model m x.png --kernels avx", "--kernels avx: unknown kernels; use libtorch, ilgpu, cpu or auto (see clcgen classify --help)")]
    [InlineData("bench --kernels cudnn", "--kernels cudnn: unknown kernels; use libtorch, ilgpu, cpu or all (see clcgen bench --help)")]
    [InlineData("bench --batch 0", "--batch 0: must be at least 1 (see clcgen bench --help)")]
    [InlineData("bench --repeats 0", "--repeats 0: must be at least 1 (see clcgen bench --help)")]
    [InlineData("bench --warmup -1", "--warmup -1: must be at least 0 (see clcgen bench --help)")]
    [InlineData("bench --net resnet50", "--net resnet50: no network named 'resnet50' is registered; registered: clcneta, clcnetb, fashionmnistnet; or give the depths with -a -b -c -d (see clcgen bench --help)")]
    public void BadValuesAreOneLineErrorsWithExitCode2(string commandLine, string message) =>
        CliRun.AssertUsageError(commandLine, message);

    [Fact]
    public void ANetworkWhoseBlocksTheFusedKernelCannotHoldIsAUsageErrorForIlgpuOnly()
    {
        // One 1x1 group over 1024 channels: a 16-pixel tile of them is 64 KiB, over the kernel's 48 KiB of shared memory.
        var spec = new ClcNetSpec(0, 0, 0, 1, classes: 10, inputChannels: 1, inputSize: 28, pointwiseGroups: 1);

        KernelSupport.Require(spec, ClcKernels.LibTorch, DeviceType.CPU);
        KernelSupport.Require(spec, ClcKernels.Cpu, DeviceType.CPU);
        UsageException error = Assert.Throws<UsageException>(() => KernelSupport.Require(spec, ClcKernels.Ilgpu, DeviceType.CPU));

        Assert.StartsWith($"--kernels ilgpu cannot run stage4.block1 of {spec}: ", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void CpuKernelsOnCudaAreAUsageError()
    {
        UsageException error = Assert.Throws<UsageException>(() => KernelSupport.Require(ClcNetSpec.A, ClcKernels.Cpu, DeviceType.CUDA));

        Assert.Equal("--kernels cpu runs on CPU tensors, not on cuda; use --device cpu, or --kernels libtorch or auto", error.Message);
    }
}
