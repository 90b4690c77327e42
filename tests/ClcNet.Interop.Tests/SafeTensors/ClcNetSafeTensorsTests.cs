using System.Buffers.Binary;
using System.Text.Json;
using ClcNet.Interop.SafeTensors;
using ClcNet.Interop.Tests.Support;
using ClcNet.Training.Checkpoints;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.SafeTensors;

public sealed class ClcNetSafeTensorsTests
{
    private static readonly ClcNetSpec Spec = TestNetworks.FashionMnist;

    [Fact]
    public void TheFileReadsBackWithEveryStateDictEntryNamedShapedAndValuedAsTheModuleHasIt()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.safetensors");

        ClcNetSafeTensors.Save(model, Spec, path);

        Dictionary<string, Tensor> saved = Safetensors.LoadStateDict(path);
        Dictionary<string, Tensor> expected = model.state_dict();
        Assert.Equal(expected.Keys.Order(), saved.Keys.Order());
        Assert.All(expected, entry =>
        {
            Assert.Equal(entry.Value.dtype, saved[entry.Key].dtype);
            Assert.Equal(entry.Value.shape, saved[entry.Key].shape);
            Assert.True(entry.Value.eq(saved[entry.Key]).all().item<bool>(), entry.Key);
        });
    }

    [Fact]
    public void TheHeaderNamesEveryLayerAsPyTorchsStateDictDoesInPyTorchsLayouts()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.safetensors");

        ClcNetSafeTensors.Save(model, Spec, path);

        // Read as the format is specified: an 8-byte little-endian header length, a JSON header, then raw data.
        byte[] file = File.ReadAllBytes(path);
        int headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        using var header = JsonDocument.Parse(file.AsMemory(8, headerLength));
        var entries = header.RootElement.EnumerateObject().Where(entry => entry.Name != "__metadata__").ToDictionary(entry => entry.Name, entry => entry.Value);
        foreach (PlannedLayer layer in LayerPlan.For(Spec).Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Convolution:
                    AssertFloat(entries, $"{layer.Name}.weight", layer.OutChannels, layer.InChannels / layer.Groups, layer.KernelSize, layer.KernelSize);
                    break;
                case LayerKind.BatchNorm:
                    foreach (string name in new[] { "weight", "bias", "running_mean", "running_var" })
                    {
                        AssertFloat(entries, $"{layer.Name}.{name}", layer.OutChannels);
                    }
                    break;
                case LayerKind.Linear:
                    AssertFloat(entries, $"{layer.Name}.weight", layer.OutChannels, layer.InChannels);
                    AssertFloat(entries, $"{layer.Name}.bias", layer.OutChannels);
                    break;
            }
        }
        JsonElement bias = entries["head.fc.bias"];
        int start = 8 + headerLength + bias.GetProperty("data_offsets")[0].GetInt32();
        float[] values = [.. Enumerable.Range(0, Spec.Classes).Select(i => BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(start + 4 * i)))];
        Assert.Equal(model.state_dict()["head.fc.bias"].data<float>().ToArray(), values);
    }

    [Fact]
    public void LoadingTheFileIntoAFreshNetworkGivesTheSameLogits()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec, seed: 1);
        using nn.Module<Tensor, Tensor> fresh = TestNetworks.Trained(Spec, seed: 2);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.safetensors");
        using Tensor images = TestNetworks.Images(Spec, 4, seed: 9);

        ClcNetSafeTensors.Save(model, Spec, path);
        ClcNetSafeTensors.Load(fresh, Spec, path);

        using Tensor expected = TestNetworks.Logits(model, images);
        using Tensor actual = TestNetworks.Logits(fresh, images);
        Assert.True(expected.eq(actual).all().item<bool>());
    }

    [Fact]
    public void TheWeightsOfAnotherNetworkAreNotLoaded()
    {
        ClcNetSpec other = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> otherModel = TestNetworks.Trained(other);
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        using var folder = new TemporaryFolder();
        string path = folder.File("other.safetensors");
        ClcNetSafeTensors.Save(otherModel, other, path);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ClcNetSafeTensors.Load(model, Spec, path));

        Assert.StartsWith($"{path} does not hold the weights of {Spec} (", error.Message);
    }

    [Fact]
    public void AMissingOrForeignFileIsOneClearError()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        using var folder = new TemporaryFolder();
        string text = folder.File("notes.safetensors");
        File.WriteAllText(text, "not tensors");

        Assert.Contains("no such file", Assert.Throws<CheckpointException>(() => ClcNetSafeTensors.Load(model, Spec, folder.File("none.safetensors"))).Message);
        Assert.StartsWith($"{text} does not hold the weights of", Assert.Throws<CheckpointException>(() => ClcNetSafeTensors.Load(model, Spec, text)).Message);
    }

    [Fact]
    public void AModuleOfAnotherSpecIsNotSaved()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(TestNetworks.Custom);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.safetensors");

        Assert.Throws<ArgumentException>(() => ClcNetSafeTensors.Save(model, Spec, path));
        Assert.False(File.Exists(path));
    }

    private static void AssertFloat(Dictionary<string, JsonElement> entries, string name, params long[] shape)
    {
        Assert.True(entries.TryGetValue(name, out JsonElement entry), $"{name} is missing");
        Assert.Equal("F32", entry.GetProperty("dtype").GetString());
        Assert.Equal(shape, entry.GetProperty("shape").EnumerateArray().Select(size => size.GetInt64()));
    }
}
