using System.Text.Json.Nodes;
using ClcNet.Cli.Commands;
using ClcNet.Cli.Tests.Support;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Metrics;
using TorchSharp;

namespace ClcNet.Cli.Tests;

/// <summary><c>clcgen train --config FILE</c>, and the <c>config.json</c> every run writes to its save folder.</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AConfigFileGivesTheOptionsByTheirLongNames()
    {
        string config = Config("""
            {
              // Comments and trailing commas are allowed.
              "data": "/data/imagenet", "net": "clcnetb", "d": 4, "epochs": 30, "batch-size": 64, "lr": 0.02,
              "momentum": 0.8, "weight-decay": 1e-3, "seed": 5, "threads": 8, "resume": "runs/old", "save": "runs/new",
              "epoch-number": 2, "ten-crop": true, "kernels": "ilgpu", "tensorboard": true, "retrain": null,
            }
            """);

        TrainingOverrides fromFile = TrainCommand.Parse("--config", config).Overrides;
        TrainingOverrides fromFlags = TrainCommand.Parse("--data", "/data/imagenet", "--net", "clcnetb", "-d", "4", "--epochs", "30",
            "--batch-size", "64", "--lr", "0.02", "--momentum", "0.8", "--weight-decay", "1e-3", "--seed", "5", "--threads", "8",
            "--resume", "runs/old", "--save", "runs/new", "--epoch-number", "2", "--ten-crop", "--kernels", "ilgpu", "--tensorboard").Overrides;

        Assert.Equal(fromFlags, fromFile);
        Assert.Equal(new ClcNetSpec(1, 1, 7, 4), fromFile.Network);
    }

    [Fact]
    public void TheCommandLineWinsOverTheConfigFileInEitherSpelling()
    {
        string config = Config("""{ "epochs": 30, "save": "from-file", "ten-crop": true, "lr": 0.5 }""");

        TrainingOverrides overrides = TrainCommand.Parse("--config", config, "-nEpochs", "5", "-save", "from-command-line", "--ten-crop", "false").Overrides;

        Assert.Equal((5, "from-command-line", false, 0.5), (overrides.Epochs, overrides.Save, overrides.TenCrop, overrides.LearningRate));
    }

    [Fact]
    public void OptionsThatGoTogetherMayComeOneFromTheFileAndOneFromTheCommandLine()
    {
        string config = Config("""{ "classes": 10 }""");

        TrainingOverrides overrides = TrainCommand.Parse("--config", config, "--reset-classifier").Overrides;

        Assert.Equal((true, 10), (overrides.ResetClassifier, overrides.Classes));
    }

    [Theory]
    [InlineData("""{ "epochs": 3""", "{0} is not JSON (")]
    [InlineData("""[1, 2]""", "{0}: a config file is one JSON object of train options (e.g. {{\"epochs\": 30}}), not an array")]
    [InlineData("""{ "bogus": 1 }""", "{0}: unknown key \"bogus\"; the keys are the long names of the train options, without dashes (see clcgen train --help)")]
    [InlineData("""{ "--epochs": 1 }""", "{0}: unknown key \"--epochs\"; the keys are the long names")]
    [InlineData("""{ "backend": "cudnn" }""", "{0}: unknown key \"backend\"")]
    [InlineData("""{ "config": "other.json" }""", "{0}: unknown key \"config\"")]
    [InlineData("""{ "epochs": "two" }""", "{0}: \"epochs\" must be a number, not a string")]
    [InlineData("""{ "ten-crop": 1 }""", "{0}: \"ten-crop\" must be true or false, not a number")]
    [InlineData("""{ "data": 7 }""", "{0}: \"data\" must be a string, not a number")]
    [InlineData("""{ "epochs": 0 }""", "{0}: --epochs 0: must be at least 1")]
    [InlineData("""{ "epochs": 2.5 }""", "{0}: --epochs 2.5: not a whole number")]
    [InlineData("""{ "net": "resnet50" }""", "{0}: --net resnet50: no network named 'resnet50' is registered")]
    [InlineData("""{ "reset-classifier": true }""", "--reset-classifier needs --classes N (Torch: -nClasses N), the classes of the new classifier")]
    public void ABadConfigFileIsAOneLineErrorWithExitCode2(string content, string message)
    {
        string config = Config(content);

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--config", config);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith($"clcgen: error: {string.Format(message, config)}", error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.Equal("", output);
    }

    [Fact]
    public void AMissingConfigFileIsAOneLineErrorWithExitCode2()
    {
        string missing = folder.File("missing.json");

        CliRun.AssertUsageError($"train --config {missing}", $"{missing}: no such config file; check the path");
    }

    [Fact]
    public void EveryRunWritesItsResolvedOptionsAndCommandLine()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        string save = folder.File("run");
        string[] args = ["train", "--data", data, "--epochs", "1", "--batch-size", "4", "--threads", "0", "--save", save];

        (int exitCode, string _, string? error) = CliRun.Run(args);

        Assert.True(exitCode == ExitCodes.Success, error);
        JsonObject config = ReadConfig(save);
        Assert.Equal(["clcgen", .. args], config["command-line"]!.AsArray().Select(argument => (string)argument!));
        Assert.Equal(
            """
            {"data":"DATA","a":0,"b":0,"c":0,"d":0,"epochs":1,"batch-size":4,"lr":0.05,"momentum":0.9,"weight-decay":0.0001,"threads":0,"seed":0,"save":"SAVE","retrain":null,"epoch-number":1,"ten-crop":false,"reset-classifier":false,"classes":null,"device":"cpu","kernels":"KERNELS","tensorboard":false}
            """.Replace("DATA", data).Replace("SAVE", save).Replace("KERNELS", DefaultKernels.For(DeviceType.CPU).ToString().ToLowerInvariant()),
            Without(config, "command-line").ToJsonString());
    }

    [Fact]
    public void TheConfigFileOfARunRepeatsIt()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        string first = folder.File("first");
        string again = folder.File("again");
        Assert.Equal(ExitCodes.Success, CliRun.Run("train", "--data", data, "--epochs", "1", "--batch-size", "4", "--threads", "0",
            "--lr", "0.02", "--momentum", "0.5", "--seed", "3", "--save", first).ExitCode);

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--config", Path.Combine(first, "config.json"), "--save", again);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains("1 epoch of 2 batches of 4, LR 0.02, seed 3; ", output);
        Assert.Contains("and 0 loader threads", output);
        Assert.Equal(Latest(first).Options, Latest(again).Options);
        Assert.Equal(Metrics(first).Select(row => (row.TrainLoss, row.TestLoss, row.TestTop1)), Metrics(again).Select(row => (row.TrainLoss, row.TestLoss, row.TestTop1)));
        Assert.Equal(
            Without(ReadConfig(first), "command-line", "save").ToJsonString(),
            Without(ReadConfig(again), "command-line", "save").ToJsonString());
    }

    [Fact]
    public void AResumedRunsConfigFileDescribesTheWholeRunFromItsFirstEpoch()
    {
        string data = FashionMnistPrefix.Write(folder, train: 8, test: 4);
        string save = folder.File("run");
        Assert.Equal(ExitCodes.Success, CliRun.Run("train", "--data", data, "--epochs", "1", "--batch-size", "4", "--threads", "0",
            "--lr", "0.02", "--save", save).ExitCode);

        (int exitCode, string _, string? error) = CliRun.Run("train", "--data", data, "--resume", save, "--epochs", "2", "--threads", "0");

        Assert.True(exitCode == ExitCodes.Success, error);
        JsonObject config = ReadConfig(save);
        Assert.Null(config["resume"]);
        Assert.Equal((2, 4, 0.02, 1), ((int)config["epochs"]!, (int)config["batch-size"]!, (double)config["lr"]!, (int)config["epoch-number"]!));
        Assert.Equal("--resume", (string)config["command-line"]![4]!);
    }


    private string Config(string json)
    {
        string path = folder.File($"config-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static JsonObject ReadConfig(string save) => JsonNode.Parse(File.ReadAllText(Path.Combine(save, "config.json")))!.AsObject();

    private static JsonObject Without(JsonObject config, params string[] keys)
    {
        JsonObject copy = config.DeepClone().AsObject();
        foreach (string key in keys)
        {
            copy.Remove(key);
        }
        return copy;
    }

    private static LatestCheckpoint Latest(string save) => new CheckpointStore(save).ReadLatest()!;

    private static IReadOnlyList<EpochMetrics> Metrics(string save) =>
        MetricsHistory.Load(Path.Combine(save, TrainingSession.MetricsFileName), int.MaxValue).Rows;
}
