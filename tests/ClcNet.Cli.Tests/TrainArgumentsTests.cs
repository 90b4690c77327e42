using ClcNet.Cli;
using ClcNet.Cli.Commands;
using ClcNet.Training;
using static TorchSharp.torch;

namespace ClcNet.Cli.Tests;

public sealed class TrainArgumentsTests
{
    [Fact]
    public void TheOriginalTorchCommandLineParsesToTheSameSettingsAsTheDotNetOne()
    {
        (TrainingOverrides Overrides, bool TestOnly) torch = TrainCommand.Parse(
            "-nGPU", "1", "-batchSize", "256", "-nThreads", "8", "-data", "/data/imagenet", "-netType", "clcneta",
            "-nEpochs", "100", "-LR", "0.1", "-momentum", "0.9", "-weightDecay", "1e-4", "-manualSeed", "5",
            "-save", "runs/a", "-epochNumber", "3", "-tenCrop", "true", "-resume", "runs/old");
        (TrainingOverrides Overrides, bool TestOnly) dotnet = TrainCommand.Parse(
            "--gpus", "1", "--batch-size", "256", "--threads", "8", "--data", "/data/imagenet", "--net", "clcneta",
            "--epochs", "100", "--lr", "0.1", "--momentum", "0.9", "--weight-decay", "1e-4", "--seed", "5",
            "--save", "runs/a", "--epoch-number", "3", "--ten-crop", "--resume", "runs/old");

        Assert.Equal(dotnet, torch);
        Assert.Equal((new TrainingOverrides
        {
            Data = "/data/imagenet",
            Network = ClcNetSpec.A,
            Epochs = 100,
            BatchSize = 256,
            LearningRate = 0.1,
            Momentum = 0.9,
            WeightDecay = 1e-4,
            Seed = 5,
            LoaderThreads = 8,
            Save = "runs/a",
            Resume = "runs/old",
            FirstEpoch = 3,
            TenCrop = true,
        }, false), torch);
    }

    [Fact]
    public void TheOriginalValidationCommandLineParsesLikeTheDotNetOne()
    {
        (TrainingOverrides Overrides, bool TestOnly) torch = TrainCommand.Parse("-data", "d", "-a", "1", "-b", "1", "-c", "5", "-d", "2", "-retrain", "model.t7", "-testOnly", "true");
        (TrainingOverrides Overrides, bool TestOnly) dotnet = TrainCommand.Parse("--data", "d", "--net", "clcneta", "--retrain", "model.t7", "--test-only");

        Assert.Equal(dotnet, torch);
        Assert.True(torch.TestOnly);
        Assert.Equal("model.t7", torch.Overrides.Retrain);
    }

    [Fact]
    public void TheOriginalsNoneMeansNoResumeAndNoRetrain() =>
        Assert.Equal(new TrainingOverrides(), TrainCommand.Parse("-resume", "none", "-retrain", "none").Overrides);

    [Fact]
    public void FineTuningFlagsParseLikeTheDotNetOnes()
    {
        TrainingOverrides torch = TrainCommand.Parse("-retrain", "m", "-resetClassifier", "true", "-nClasses", "10").Overrides;
        TrainingOverrides dotnet = TrainCommand.Parse("--retrain", "m", "--reset-classifier", "--classes", "10").Overrides;

        Assert.Equal(dotnet, torch);
        Assert.Equal((true, 10), (torch.ResetClassifier, torch.Classes));
    }

    [Theory]
    [InlineData("-testOnly", "false", false)]
    [InlineData("-testOnly", "true", true)]
    [InlineData("--test-only", null, true)]
    public void TorchStyleBooleanValuesParse(string flag, string? value, bool expected)
    {
        string[] args = value is null ? [flag] : [flag, value];
        Assert.Equal(expected, TrainCommand.Parse(args).TestOnly);
    }

    [Fact]
    public void NothingGivenLeavesThePlanToDecide()
    {
        (TrainingOverrides? overrides, bool testOnly) = TrainCommand.Parse();

        Assert.Equal(new TrainingOverrides(), overrides);
        Assert.False(testOnly);
        Assert.Null(overrides.Network);
        Assert.Null(overrides.Epochs);
        Assert.Null(overrides.Save);
        Assert.Equal((2, CPU, (ClcKernels?)null), (overrides.LoaderThreads, overrides.Device, overrides.Kernels));
    }

    [Fact]
    public void DepthsOverrideTheNamedNetwork() =>
        Assert.Equal(new ClcNetSpec(1, 1, 5, 4), TrainCommand.Parse("--net", "clcneta", "-d", "4").Overrides.Network);

    [Theory]
    [InlineData("clcnetb", 1, 1, 7, 3)]
    [InlineData("ClcNetB", 1, 1, 7, 3)]
    [InlineData("fashionmnistnet", 0, 0, 0, 0)]
    public void ANameResolvesThroughTheRegistry(string name, int a, int b, int c, int d) =>
        Assert.Equal(new ClcNetSpec(a, b, c, d), TrainCommand.Parse("--net", name).Overrides.Network);

    [Fact]
    public void DepthsAloneStartFromZero() =>
        Assert.Equal(new ClcNetSpec(2, 0, 0, 0), TrainCommand.Parse("-a", "2").Overrides.Network);

    [Theory]
    [InlineData("-batchSize abc", "-batchSize abc: not a whole number")]
    [InlineData("--epochs 0", "--epochs 0: must be at least 1")]
    [InlineData("-LR -0.5", "-LR -0.5: must be greater than 0")]
    [InlineData("--lr 1e-x", "--lr 1e-x: not a finite number")]
    [InlineData("--lr Infinity", "--lr Infinity: not a finite number")]
    [InlineData("-LR NaN", "-LR NaN: not a finite number")]
    [InlineData("-momentum 0", "-momentum 0: must be greater than 0")]
    [InlineData("--weight-decay -1", "--weight-decay -1: must be at least 0")]
    [InlineData("-c -1", "-c -1: must be at least 0")]
    [InlineData("--net resnet50", "--net resnet50: no network named 'resnet50' is registered; registered: clcneta, clcnetb, fashionmnistnet; or give the depths with -a -b -c -d")]
    [InlineData("-netType vgg", "-netType vgg: no network named 'vgg' is registered; registered: clcneta, clcnetb, fashionmnistnet; or give the depths with -a -b -c -d")]
    [InlineData("--net", "--net needs a network name; registered: clcneta, clcnetb, fashionmnistnet")]
    [InlineData("-a 1 -netType", "-netType needs a network name; registered: clcneta, clcnetb, fashionmnistnet")]
    [InlineData("-nGPU 4", "-nGPU 4: multi-GPU training is not supported yet; use one GPU (-nGPU 1 / --gpus 1) with --device cuda")]
    [InlineData("--device tpu", "--device tpu: unknown device; use cpu or cuda")]
    [InlineData("--reset-classifier", "--reset-classifier needs --classes N (Torch: -nClasses N), the classes of the new classifier")]
    public void BadArgumentsGiveTheDocumentedError(string commandLine, string message)
    {
        UsageException error = Assert.Throws<UsageException>(() => TrainCommand.Parse(commandLine.Split(' ')));
        Assert.Equal(message, error.Message);
    }
}
