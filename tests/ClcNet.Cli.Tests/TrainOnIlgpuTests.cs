using System.Globalization;
using ClcNet.Cli;
using ClcNet.Cli.Tests.Support;
using ClcNet.Kernels;
using ClcNet.Kernels.Cpu;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;

namespace ClcNet.Cli.Tests;

/// <summary>
/// <c>clcgen train --kernels ilgpu|cpu</c> and <c>eval --kernels ilgpu|cpu</c> on 8 training and 64 test images
/// (ILGPU's CPU accelerator is a slow simulator), against the same commands on libtorch.
/// </summary>
public sealed class TrainOnIlgpuTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("ilgpu")]
    [InlineData("cpu")]
    public void TheBlocksRunOnTheKernelsAndTrackTheLibTorchRun(string kernels)
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 64);

        (int ExitCode, string Output, string Error) switched = Train(data, kernels);
        (int ExitCode, string Output, string Error) libtorch = Train(data, "libtorch");

        Assert.True(switched.ExitCode == ExitCodes.Success, switched.Error);
        Assert.True(libtorch.ExitCode == ExitCodes.Success, libtorch.Error);
        Assert.Contains($"; {kernels} kernels; saving to", switched.Output);
        Assert.Contains(kernels == "ilgpu" ? $"=> CLC blocks on ILGPU kernels ({ClcAccelerator.Describe()})" : $"=> CLC blocks on {CpuKernels.Describe()}",
            switched.Output);
        Assert.DoesNotContain("=> CLC blocks on", libtorch.Output);
        EpochMetrics onKernels = Metrics(kernels);
        EpochMetrics onLibTorch = Metrics("libtorch");
        // Same seed, data and order: only float rounding differs between the two implementations.
        Assert.Equal(onLibTorch.TrainLoss, onKernels.TrainLoss, 1e-4 * Math.Abs(onLibTorch.TrainLoss));
        Assert.Equal(onLibTorch.TestLoss, onKernels.TestLoss, 1e-4 * Math.Abs(onLibTorch.TestLoss));
    }

    [Theory]
    [InlineData("ilgpu")]
    [InlineData("cpu")]
    public void EvalOnTheKernelsReportsTheLibTorchErrors(string kernels)
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 64);
        Assert.Equal(ExitCodes.Success, Train(data, "libtorch").ExitCode);
        string model = Path.Combine(folder.File("libtorch"), CheckpointStore.BestModelFileName);

        (int ExitCode, string Output, string Error) onKernels = CliRun.Run("eval", "--model", model, "--data", data, "--kernels", kernels);
        (int ExitCode, string Output, string Error) onLibTorch = CliRun.Run("eval", "--model", model, "--data", data, "--kernels", "libtorch");

        Assert.True(onKernels.ExitCode == ExitCodes.Success, onKernels.Error);
        string expected = CliRun.LastLine(onLibTorch.Output);
        Assert.Matches(@"^ \* Results top1: +\d+\.\d{3}  top5: +\d+\.\d{3}$", expected);
        Assert.Equal(expected, CliRun.LastLine(onKernels.Output));
    }


    private (int ExitCode, string Output, string Error) Train(string data, string kernels) => CliRun.Run(
        "train", "--data", data, "--kernels", kernels, "--epochs", "1", "--batch-size", "4", "--threads", "0",
        "--save", folder.File(kernels));

    private EpochMetrics Metrics(string kernels) =>
        MetricsHistory.Load(Path.Combine(folder.File(kernels), TrainingSession.MetricsFileName), int.MaxValue).Rows.Single();
}
