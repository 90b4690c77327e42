using ClcNet.Cli.Tests.Support;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;
using TorchSharp;

namespace ClcNet.Cli.Tests;

public sealed class ClcgenErrorTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AMissingDataFolderIsAOneLineErrorWithExitCode2()
    {
        string missing = folder.File("no-such-folder");

        (int exitCode, string _, string? error) = CliRun.Run("train", "--data", missing);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal($"clcgen: error: The data folder '{missing}' (from --data) does not exist; pass an existing Fashion-MNIST or ImageNet-layout folder.\n", error);
    }

    [Fact]
    public void AFolderWithoutTrainIsAOneLineErrorWithExitCode2()
    {
        Directory.CreateDirectory(Path.Combine(folder.Path, "val", "cat"));

        (int exitCode, string _, string? error) = CliRun.Run("train", "-data", folder.Path);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith($"clcgen: error: {folder.Path} holds neither Fashion-MNIST", error);
        Assert.Contains($"nor an ImageNet layout ({Path.Combine(folder.Path, "train")}/<class>/<image> is missing)", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("train --net resnet50", "--net resnet50: no network named 'resnet50' is registered; registered: clcneta, clcnetb, fashionmnistnet; or give the depths with -a -b -c -d (see clcgen train --help)")]
    [InlineData("train -batchSize many", "-batchSize many: not a whole number (see clcgen train --help)")]
    [InlineData("eval --model m --batch-size 0", "--batch-size 0: must be at least 1 (see clcgen eval --help)")]
    [InlineData("summary -a x", "-a x: not a whole number (see clcgen summary --help)")]
    [InlineData("summary --input-size 4", "clcNet(1, 1, 5, 2, InputSize = 4) cannot be built: InputSize = 4 is too small for the network's strides (stage2.block0 would see less than its stride): use InputSize >= 17 or StemStride = 1")]
    public void BadArgumentsAreOneLineErrorsWithExitCode2(string commandLine, string message) =>
        CliRun.AssertUsageError(commandLine, message);

    [Theory]
    [InlineData("train --bogus")]
    [InlineData("frobnicate")]
    [InlineData("")]
    [InlineData("classify --model m")]
    public void UnknownOrMissingPartsAreOneLineErrorsWithExitCode2(string commandLine)
    {
        (int exitCode, string _, string? error) = CliRun.Run(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("clcgen: error: ", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void CudaWithoutAGpuIsAClearError()
    {
        (int exitCode, string _, string? error) = CliRun.Run("train", "--device", "cuda", "--data", TestData.FashionMnistSubset);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("clcgen: error: --device cuda: CUDA is not available", error);
    }

    [Fact]
    public void TorchFlagsWithoutMeaningHereAreAcceptedWithANote()
    {
        (int exitCode, string? output, string _) = CliRun.Run("train", "-backend", "cudnn", "-shareGradInput", "true", "-precision", "single",
            "-data", folder.File("missing"));

        Assert.Equal(ExitCodes.Usage, exitCode); // only because the data folder is missing
        Assert.Equal(
            "note: -backend cudnn is ignored: TorchSharp picks the kernels\n" +
            "note: -shareGradInput true is ignored: TorchSharp manages activation memory\n" +
            "note: -precision single is ignored: training runs in single precision (float32)\n", output);
    }

    [Fact]
    public void ACorruptRetrainFileIsAOneLineErrorWithExitCode2()
    {
        string model = folder.File("model_best");
        File.WriteAllText(model, "not a model");

        (int exitCode, string _, string? error) = CliRun.Run("train", "--data", TestData.FashionMnistSubset, "--retrain", model);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal($"clcgen: error: {model} is not a usable model file: it is not a ClcNet.NET checkpoint; use a file written by clcgen train\n", error);
    }

    [Fact]
    public void AFirstEpochPastTheLastIsAOneLineErrorWithExitCode2()
    {
        string save = folder.File("run");

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--data", TestData.FashionMnistSubset, "--epochs", "2",
            "-epochNumber", "3", "--save", save);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("clcgen: error: --epoch-number 3 is past the last epoch (2), so there is nothing to train; " +
            "raise --epochs or lower --epoch-number\n", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(save));
    }

    [Fact]
    public void ResumingFromAMissingFolderIsAOneLineErrorWithExitCode2()
    {
        string missing = folder.File("no-run-here");

        (int exitCode, string _, string? error) = CliRun.Run("train", "--resume", missing);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal($"clcgen: error: {missing}: no such checkpoint folder; pass the --save folder of the run to resume\n", error);
    }

    [Fact]
    public void ARetrainFileOfAnotherNetworkIsAOneLineErrorBeforeTraining()
    {
        var saved = new ClcNetSpec(1, 0, 0, 0, classes: 10, inputChannels: 1, inputSize: 28);
        string model = folder.File("other");
        using (torch.nn.Module<torch.Tensor, torch.Tensor> network = ClcNetRegistry.Create(saved))
        {
            ModelFile.Save(model, network, ModelMetadata.For(saved, Enumerable.Range(0, 10).Select(i => $"c{i}").ToList()));
        }
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        string save = folder.File("run");

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--data", data, "--retrain", model, "--net", "clcneta", "--save", save);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal($"clcgen: error: {model} holds {saved} but this run builds {new ClcNetSpec(1, 1, 5, 2, 10, 1, 28)}: " +
            "pass the network options it was trained with\n", error);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(save));
    }

    [Fact]
    public void AForeignMetricsFileIsSetAsideWithAWarningAndAFreshOneIsWritten()
    {
        string save = folder.File("run");
        Directory.CreateDirectory(save);
        string metrics = Path.Combine(save, TrainingSession.MetricsFileName);
        File.WriteAllText(metrics, "name,value\n");
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);

        (int exitCode, string _, string? error) = CliRun.Run("train", "--data", data, "--epochs", "1", "--batch-size", "4", "--threads", "0", "--save", save);

        Assert.Equal(ExitCodes.Success, exitCode);
        string setAside = Path.Combine(save, TrainingSession.SetAsideMetricsFileName);
        Assert.Equal($"clcgen: warning: {metrics} is not a metrics.csv written by clcgen train; moved it to {setAside} and starting a fresh metrics.csv\n", error);
        Assert.Equal("name,value\n", File.ReadAllText(setAside));
        Assert.Equal([1], MetricsHistory.Load(metrics, int.MaxValue).Rows.Select(row => row.Epoch));
    }
}
