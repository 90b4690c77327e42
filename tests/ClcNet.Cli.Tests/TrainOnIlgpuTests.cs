using System.Globalization;
using ClcNet.Cli;
using ClcNet.Training;
using ClcNet.Kernels;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;
using ClcNet.Cli.Tests.Support;

namespace ClcNet.Cli.Tests;

/// <summary>
/// <c>clcgen train --kernels ilgpu</c> and <c>eval --kernels ilgpu</c> on 8 training and 64 test images
/// (ILGPU's CPU accelerator is a slow simulator), against the same commands on libtorch.
/// </summary>
public sealed class TrainOnIlgpuTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheBlocksRunOnIlgpuAndTrackTheLibTorchRun()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 64);

        var ilgpu = Train(data, "ilgpu");
        var libtorch = Train(data, "libtorch");

        Assert.True(ilgpu.ExitCode == ExitCodes.Success, ilgpu.Error);
        Assert.True(libtorch.ExitCode == ExitCodes.Success, libtorch.Error);
        Assert.Contains("; ilgpu kernels; saving to", ilgpu.Output);
        Assert.Contains($"=> CLC blocks on ILGPU kernels ({ClcAccelerator.Describe()})", ilgpu.Output);
        Assert.DoesNotContain("=> CLC blocks on ILGPU", libtorch.Output);
        EpochMetrics onIlgpu = Metrics("ilgpu");
        EpochMetrics onLibTorch = Metrics("libtorch");
        // Same seed, data and order: only float rounding differs between the two implementations.
        Assert.Equal(onLibTorch.TrainLoss, onIlgpu.TrainLoss, 1e-4 * Math.Abs(onLibTorch.TrainLoss));
        Assert.Equal(onLibTorch.TestLoss, onIlgpu.TestLoss, 1e-4 * Math.Abs(onLibTorch.TestLoss));
    }

    [Fact]
    public void EvalOnIlgpuReportsTheLibTorchErrors()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 64);
        Assert.Equal(ExitCodes.Success, Train(data, "libtorch").ExitCode);
        string model = Path.Combine(folder.File("libtorch"), CheckpointStore.BestModelFileName);

        var onIlgpu = CliRun.Run("eval", "--model", model, "--data", data, "--kernels", "ilgpu");
        var onLibTorch = CliRun.Run("eval", "--model", model, "--data", data);

        Assert.True(onIlgpu.ExitCode == ExitCodes.Success, onIlgpu.Error);
        string expected = CliRun.LastLine(onLibTorch.Output);
        Assert.Matches(@"^ \* Results top1: +\d+\.\d{3}  top5: +\d+\.\d{3}$", expected);
        Assert.Equal(expected, CliRun.LastLine(onIlgpu.Output));
    }


    private (int ExitCode, string Output, string Error) Train(string data, string kernels) => CliRun.Run(
        "train", "--data", data, "--kernels", kernels, "--epochs", "1", "--batch-size", "4", "--threads", "0",
        "--save", folder.File(kernels));

    private EpochMetrics Metrics(string kernels) =>
        MetricsHistory.Load(Path.Combine(folder.File(kernels), TrainingSession.MetricsFileName), int.MaxValue).Rows.Single();
}
