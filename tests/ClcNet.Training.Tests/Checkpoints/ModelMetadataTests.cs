using System.Text;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Checkpoints;

/// <summary>
/// The metadata of a model file is covered by a checksum and, since format-1 files and hand-made files have none
/// that can be trusted, checked like user input before it reaches the network builder.
/// </summary>
public sealed class ModelMetadataTests : IDisposable
{
    private static readonly ClcNetSpec Spec = TinyNetwork.Spec();
    private static readonly ClcNetSpec Saved = Spec;

    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void EditingTheMetadataIsCaughtByTheHeaderChecksum()
    {
        string path = folder.File("model_1");
        using (nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(Spec))
        {
            ModelFile.Save(path, model, ModelMetadata.For(Spec, TinyNetwork.ClassNames()));
        }
        byte[] bytes = File.ReadAllBytes(path);
        ReplaceOnce(bytes, "\"classes\": 4", "\"classes\": 9");
        File.WriteAllBytes(path, bytes);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Equal($"{path} is not a usable model file: its header checksum does not match (damaged or edited); use a file written by clcgen train", error.Message);
    }

    public static TheoryData<ClcNetSpec, string> AbsurdSpecs => new()
    {
        { Saved with { Classes = 1_000_000_000 }, "Classes = 1000000000 makes the network need" },
        { Saved with { InputSize = 1_000_000_000 }, "InputSize = 1000000000 with InputChannels = 1 makes one image's largest feature map" },
        { Saved with { DepthD = 100_000 }, "d = 100000 makes the network need" },
        { Saved with { StemStride = 0 }, "StemStride = 0: the stem stride must be 1 or more" },
    };

    [Theory]
    [MemberData(nameof(AbsurdSpecs))]
    public void AnAbsurdSpecIsRefusedBeforeAnythingIsBuilt(ClcNetSpec spec, string reason)
    {
        foreach (string path in SignedAndVersion1(spec, TinyNetwork.ClassNames(spec.Classes is > 0 and < 100 ? spec.Classes : 4)))
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

            CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

            Assert.StartsWith($"{path}: its spec {spec} is invalid ({reason}", error.Message);
            Assert.Single(error.Message.Split('\n'));
            // Reading the file (its weights included) and no more: no network was built.
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, new FileInfo(path).Length + (1 << 20));
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(0)]
    public void AClassListThatDoesNotMatchTheOutputsIsRefused(int names)
    {
        foreach (string path in SignedAndVersion1(Saved, TinyNetwork.ClassNames(names)))
        {
            CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));
            Assert.Equal($"{path}: it names {names} classes but its network {Spec} has 4 outputs; use a file written by clcgen train", error.Message);
            Assert.Throws<CheckpointException>(() => ModelFile.Read(path));
        }
    }

    [Theory]
    [InlineData("", "class 2 ('') is empty")]
    [InlineData("class0", "class 2 ('class0') repeats an earlier class")]
    [InlineData("two\nlines", "class 2 ('two lines') holds control characters")]
    public void ABadClassNameIsRefused(string name, string reason)
    {
        string[] classes = ["class0", "class1", name, "class3"];
        foreach (string path in SignedAndVersion1(Saved, classes))
        {
            CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));
            Assert.Equal($"{path}: {reason}; use a file written by clcgen train", error.Message);
        }
    }

    [Fact]
    public void AVeryLongClassNameIsRefused()
    {
        string[] classes = ["class0", "class1", new string('x', 256), "class3"];
        string path = SignedAndVersion1(Saved, classes).First();

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.EndsWith("') is 256 characters long, more than 255; use a file written by clcgen train", error.Message);
        Assert.InRange(error.Message.Length, 0, path.Length + 400);
    }

    [Fact]
    public void AFormatOneFileStillLoadsWithIdenticalWeights()
    {
        torch.manual_seed(11);
        using nn.Module<Tensor, Tensor> original = ClcNetRegistry.Create(Spec);
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            original.save(writer);
        }
        string path = folder.File("model_v1");
        CraftedModelFiles.WriteVersion1(path, CraftedModelFiles.Metadata(Saved, TinyNetwork.ClassNames()), payload.ToArray());

        (nn.Module<Tensor, Tensor>? loaded, ModelMetadata? metadata) = ModelFile.Load(path, CPU);
        using nn.Module<Tensor, Tensor> _ = loaded;

        Assert.Equal(TinyNetwork.ClassNames(), metadata.Classes);
        foreach ((string? name, Tensor? value) in original.state_dict())
        {
            Assert.True(Tensors.Identical(value, loaded.state_dict()[name]), $"{name} differs");
        }
    }

    [Fact]
    public void AFormatOneFileWithADamagedWeightIsStillCaught()
    {
        string path = folder.File("model_v1");
        byte[] payload = CraftedModelFiles.TinyPayload(Spec);
        CraftedModelFiles.WriteVersion1(path, CraftedModelFiles.Metadata(Saved, TinyNetwork.ClassNames()), payload);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 1;
        File.WriteAllBytes(path, bytes);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Contains("its checksum does not match (damaged)", error.Message);
    }

    [Fact]
    public void AKindFieldOfBinaryBytesIsNeitherQuotedAtLengthNorAllocated()
    {
        string path = folder.File("model_junk_kind");
        string junk = string.Concat(Enumerable.Range(0, 26_000).Select(i => (char)(i % 32 == 0 ? '\n' : 1 + i % 250)));
        CraftedModelFiles.WriteVersion1(path, CraftedModelFiles.Metadata(Saved, TinyNetwork.ClassNames()), [1, 2, 3], kind: junk);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Single(error.Message.Split('\n'));
        Assert.InRange(error.Message.Length, 0, path.Length + 300);
        Assert.Contains("its kind field claims", error.Message);
    }

    [Fact]
    public void AShortKindFieldOfOtherTextIsQuotedPrintably()
    {
        string path = folder.File("model_other_kind");
        CraftedModelFiles.WriteSigned(path, "{}", [1, 2, 3], kind: "odd\u0001\nkind");

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Equal($"{path}: expected a file of kind 'model' but it holds 'odd\\u0001 kind'; pass the model file", error.Message);
    }

    /// <summary>The same metadata in a file with right checksums and in a format-1 file.</summary>
    private IEnumerable<string> SignedAndVersion1(ClcNetSpec spec, IReadOnlyList<string> classes)
    {
        string json = CraftedModelFiles.Metadata(spec, classes);
        byte[] payload = CraftedModelFiles.TinyPayload(Spec);
        string signed = folder.File($"model_signed_{Guid.NewGuid():N}");
        CraftedModelFiles.WriteSigned(signed, json, payload);
        string version1 = folder.File($"model_v1_{Guid.NewGuid():N}");
        CraftedModelFiles.WriteVersion1(version1, json, payload);
        return [signed, version1];
    }

    private static void ReplaceOnce(byte[] bytes, string from, string to)
    {
        byte[] pattern = Encoding.UTF8.GetBytes(from);
        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0, $"'{from}' not found");
        Encoding.UTF8.GetBytes(to).CopyTo(bytes, at);
    }
}
