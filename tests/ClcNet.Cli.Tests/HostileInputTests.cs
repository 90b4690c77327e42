using System.Text;
using ClcNet.Cli;
using ClcNet.Training.Checkpoints;
using TorchSharp;

namespace ClcNet.Cli.Tests;

/// <summary>Hostile files and command lines end in one printable, bounded error line and exit code 2.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AnUnknownCommandIsNamedAndTheCommandsAreListed() =>
        CliRun.AssertUsageError("frobnicate", "'frobnicate' is not a clcgen command; use one of train, eval, classify, convert, export, summary, bench (see clcgen --help)");

    [Fact]
    public void NoCommandListsTheCommands()
    {
        (int exitCode, string? output, string? error) = CliRun.Run();

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal("clcgen: error: no command given; use one of train, eval, classify, convert, export, summary, bench (see clcgen --help)\n", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void AModelPathWithLineBreaksAndControlCharactersIsPrintedOnOneLine()
    {
        string model = folder.File("bad\nname\u0007");

        (int exitCode, string _, string? error) = CliRun.Run("classify", "--model", model, "x.png");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal($"clcgen: error: {folder.File("bad name\\u0007")}: no such model file; check the path\n", error);
    }

    [Fact]
    public void AnErrorLineIsBounded()
    {
        string model = folder.File(new string('m', 30_000));

        (int exitCode, string _, string? error) = CliRun.Run("classify", "--model", model, "x.png");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.InRange(error.Length, Clcgen.MaxErrorLength, Clcgen.MaxErrorLength + 100);
        Assert.EndsWith($"... (cut, {model.Length + ": no such model file; check the path".Length} characters in all)\n", error);
    }

    [Fact]
    public void ADamagedModelFileIsOneShortLine()
    {
        // A format-1 file whose kind field holds 26 KB of binary junk: the failure the message once quoted whole.
        string model = folder.File("model_best");
        byte[] junk = Enumerable.Range(0, 26_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        CraftedModelFiles.WriteVersion1(model, "{}", [], kind: Encoding.Latin1.GetString(junk));

        foreach (string[] command in new[] { ["classify", "--model", model, "x.png"], new[] { "eval", "--model", model, "--data", TestData.FashionMnistSubset } })
        {
            (int exitCode, string _, string? error) = CliRun.Run(command);

            Assert.Equal(ExitCodes.Usage, exitCode);
            Assert.StartsWith($"clcgen: error: {model} is not a usable model file: its kind field claims", error);
            Assert.Single(error.TrimEnd('\n').Split('\n'));
            Assert.InRange(error.Length, 0, model.Length + 250);
        }
    }

    [Fact]
    public void AModelWithTooFewClassNamesIsRefusedBeforeClassifying()
    {
        string model = folder.File("model_short_classes");
        CraftedModelFiles.WriteSigned(model, CraftedModelFiles.Metadata(TinyNetwork.Spec(), ["only"]),
            CraftedModelFiles.TinyPayload(TinyNetwork.Spec()));

        CliRun.AssertUsageError($"classify --model {model} x.png",
            $"{model}: it names 1 classes but its network {TinyNetwork.Spec()} has 4 outputs; use a file written by clcgen train");
    }

    [Fact]
    public void AnImageClaimingAHugeSizeIsAnErrorForClassify()
    {
        string model = folder.File("model_tiny");
        using (torch.nn.Module<torch.Tensor, torch.Tensor> network = ClcNetRegistry.Create(TinyNetwork.Spec()))
        {
            ModelFile.Save(model, network, ModelMetadata.For(TinyNetwork.Spec(), TinyNetwork.ClassNames()));
        }
        string image = folder.File("huge.ppm");
        File.WriteAllBytes(image, [.. "P6\n65535 65535\n255\n"u8, 1, 2, 3]);

        CliRun.AssertUsageError($"classify --model {model} {image}",
            $"{image}: the image is 65535x65535 pixels, more than the limit of 89,478,485; downscale it");
    }

    [Fact]
    public void AnAbsurdDepthIsRefusedBeforeAnythingIsBuilt()
    {
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        (int exitCode, string _, string? error) = CliRun.Run("summary", "-a", "100000");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith("clcgen: error: clcNet(100000, 0, 0, 0) cannot be built: a = 100000 makes the network need 4.", error);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 64 << 20);
    }
}
