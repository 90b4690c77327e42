using System.Text;
using ClcNet.Cli;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using TorchSharp;

namespace ClcNet.Cli.Tests;

/// <summary><c>clcgen train --retrain FILE --reset-classifier --classes N</c> on an ImageNet-layout folder of 3 classes.</summary>
public sealed class FineTuneTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void WithoutNetworkOptionsTheNetworkIsTheFilesWithTheNewClasses()
    {
        // clcNet(1, 0, 0, 0) for 5 classes: neither the data's class count nor the ImageNet recipe's clcNet-A.
        var pretrained = new ClcNetSpec(1, 0, 0, 0, classes: 5);
        string model = folder.File("pretrained");
        using (torch.nn.Module<torch.Tensor, torch.Tensor> network = ClcNetRegistry.Create(pretrained))
        {
            ModelFile.Save(model, network, ModelMetadata.For(pretrained, ["a", "b", "c", "d", "e"]));
        }
        string data = WriteImageFolder(classes: 3);
        string save = folder.File("fine-tuned");

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--data", data, "--retrain", model, "--reset-classifier",
            "--classes", "3", "--epochs", "1", "--batch-size", "3", "--threads", "0", "--save", save);

        Assert.True(exitCode == ExitCodes.Success, error);
        var expected = new ClcNetSpec(1, 0, 0, 0, classes: 3);
        Assert.Equal(expected, new CheckpointStore(save).ReadLatest()!.Spec);
        Assert.Contains($"=> {expected} on {data}", output);
    }

    [Fact]
    public void AnOriginalTorch7FileFineTunesWithAFreshClassifier()
    {
        var pretrained = new ClcNetSpec(1, 0, 0, 0, classes: 5);
        string model = folder.File("pretrained.t7");
        using (torch.nn.Module<torch.Tensor, torch.Tensor> network = ClcNetRegistry.Create(pretrained))
        {
            File.WriteAllBytes(model, ClcNetTorch7File.Bytes(NetworkWeights.Of(network, pretrained), new Torch7Encoding("as fb.resnet.torch saves")));
        }
        string data = WriteImageFolder(classes: 3);
        string save = folder.File("fine-tuned");

        (int exitCode, string? output, string? error) = CliRun.Run("train", "--data", data, "--retrain", model, "--reset-classifier",
            "--classes", "3", "--epochs", "1", "--batch-size", "3", "--threads", "0", "--save", save);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.Contains($"=> Loading weights from {model} (classifier reset)", output);
        Assert.Equal(pretrained with { Classes = 3 }, new CheckpointStore(save).ReadLatest()!.Spec);
    }

    /// <summary>train/ and val/ with one class folder per class; each image a flat colour, as a binary PPM.</summary>
    private string WriteImageFolder(int classes)
    {
        string root = folder.File("data");
        foreach ((string? split, int images) in new[] { ("train", 2), ("val", 1) })
        {
            for (int label = 0; label < classes; label++)
            {
                string classFolder = Path.Combine(root, split, $"class{label}");
                Directory.CreateDirectory(classFolder);
                for (int i = 0; i < images; i++)
                {
                    const int side = 8;
                    byte[] header = Encoding.ASCII.GetBytes($"P6\n{side} {side}\n255\n");
                    byte[] pixels = Enumerable.Repeat((byte)(80 * label + 10 * i), 3 * side * side).ToArray();
                    File.WriteAllBytes(Path.Combine(classFolder, $"{i}.ppm"), [.. header, .. pixels]);
                }
            }
        }
        return root;
    }
}
