using ClcNet.Data;
using ClcNet.Testing.Fuzzing;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Optimization;
using ClcNet.Training.Tests.Support;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Checkpoints;

public sealed class ModelFileTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void RoundTripGivesIdenticalOutputs()
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        using nn.Module<Tensor, Tensor> trained = TrainedNetwork(spec, seed: 1);
        string path = folder.File("model_1");
        ModelFile.Save(path, trained, ModelMetadata.For(spec, TinyNetwork.ClassNames()));

        torch.manual_seed(2);
        using nn.Module<Tensor, Tensor> restored = ClcNetRegistry.Create(spec);
        ModelFile.LoadWeights(path, restored, spec);
        (nn.Module<Tensor, Tensor>? loaded, ModelMetadata? metadata) = ModelFile.Load(path, CPU);
        using nn.Module<Tensor, Tensor> _ = loaded;

        using Tensor input = randn(5, 1, TinyNetwork.Size, TinyNetwork.Size);
        using Tensor expected = Evaluate(trained, input);
        Assert.True(Tensors.Identical(expected, Evaluate(restored, input)));
        Assert.True(Tensors.Identical(expected, Evaluate(loaded, input)));
        Assert.Equal(spec, metadata.Spec);
        Assert.Equal(TinyNetwork.ClassNames(), metadata.Classes);
    }

    [Fact]
    public void RejectsAFileMadeForAnotherNetwork()
    {
        string path = SavedModel(TinyNetwork.Spec());
        ClcNetSpec deeper = new(1, 0, 0, 0, 4, inputChannels: 1, inputSize: TinyNetwork.Size, stemStride: 1);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(deeper);

        ModelSpecMismatchException error = Assert.Throws<ModelSpecMismatchException>(() => ModelFile.LoadWeights(path, model, deeper));

        Assert.Equal($"{path} holds {TinyNetwork.Spec()} but this run builds {deeper}: build the network it was trained with", error.Message);
        Assert.False(error.CanFineTune);
    }

    [Fact]
    public void PointsAtResetClassifierWhenOnlyTheClassesDiffer()
    {
        string path = SavedModel(TinyNetwork.Spec(classes: 4));
        ClcNetSpec sixClasses = TinyNetwork.Spec(classes: 6);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(sixClasses);

        ModelSpecMismatchException error = Assert.Throws<ModelSpecMismatchException>(() => ModelFile.LoadWeights(path, model, sixClasses));

        Assert.True(error.CanFineTune);
        Assert.EndsWith("but this run builds " + sixClasses + ": fine-tune it with a fresh classifier", error.Message);
    }

    [Fact]
    public void ResetClassifierLoadsEverythingButTheClassifier()
    {
        string path = SavedModel(TinyNetwork.Spec(classes: 4));
        using nn.Module<Tensor, Tensor> source = ClcNetRegistry.Create(TinyNetwork.Spec(classes: 4));
        ModelFile.LoadWeights(path, source, TinyNetwork.Spec(classes: 4));
        ClcNetSpec sixClasses = TinyNetwork.Spec(classes: 6);
        torch.manual_seed(7);
        using nn.Module<Tensor, Tensor> fresh = ClcNetRegistry.Create(sixClasses);
        using Tensor freshClassifier = fresh.state_dict()["head.fc.weight"].clone();

        ModelFile.LoadWeights(path, fresh, sixClasses, resetClassifier: true);

        Dictionary<string, Tensor> loaded = fresh.state_dict();
        foreach ((string? name, Tensor? value) in source.state_dict().Where(entry => !ModelFile.ClassifierParameters.Contains(entry.Key)))
        {
            Assert.True(Tensors.Identical(value, loaded[name]), $"{name} was not loaded");
        }
        Assert.Equal(new long[] { 6, LayerPlan.FeatureChannels }, loaded["head.fc.weight"].shape);
        Assert.True(Tensors.Identical(freshClassifier, loaded["head.fc.weight"]));
    }

    [Fact]
    public void RejectsATruncatedFile()
    {
        string path = SavedModel(TinyNetwork.Spec());
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Contains("truncated", error.Message);
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public void RejectsAFileWithADamagedByte()
    {
        string path = SavedModel(TinyNetwork.Spec());
        byte[] bytes = File.ReadAllBytes(path);
        bytes[^100] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Contains("checksum does not match", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is not a checkpoint at all, just text")]
    public void RejectsAFileThatIsNotACheckpoint(string content)
    {
        string path = folder.File("model_9");
        File.WriteAllText(path, content);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Equal($"{path} is not a usable model file: it is not a ClcNet.NET checkpoint; use a file written by clcgen train", error.Message);
    }

    [Fact]
    public void RejectsAnOptimiserStateGivenAsAModel()
    {
        string path = SavedOptimiserState(TinyNetwork.Spec());

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Equal($"{path}: expected a file of kind 'model' but it holds 'optimiser state'; pass the model file", error.Message);
    }

    [Fact]
    public void ReportsAMissingFile()
    {
        string path = folder.File("nothing-here");
        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));
        Assert.Equal($"{path}: no such model file; check the path", error.Message);
    }

    [Fact]
    public void ReportsAFolderGivenAsAModel()
    {
        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(folder.Path, CPU));
        Assert.Equal($"{folder.Path} is a folder, not a model file; pass a file in it (clcgen train writes model_best and model_<epoch>)", error.Message);
    }

    [Fact]
    public void OptimiserStateRoundTripRestoresTheMomentumBuffers()
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        torch.manual_seed(3);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(spec);
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        TakeSteps(model, optimizer, steps: 2);
        string path = folder.File("optimState_1");
        OptimizerStateFile.Save(path, optimizer, spec);

        using nn.Module<Tensor, Tensor> other = ClcNetRegistry.Create(spec);
        using SGD restored = ReferenceSgd.Create(other.parameters(), 0.1, 0.9, 1e-4);
        OptimizerStateFile.Load(path, restored, spec, CPU);

        List<Tensor> expected = MomentumBuffers(optimizer);
        List<Tensor> actual = MomentumBuffers(restored);
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.True(Tensors.Identical(pair.First, pair.Second)));
    }

    [Fact]
    public void RejectsAnOptimiserStateOfAnotherNetwork()
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        string path = SavedOptimiserState(spec);
        ClcNetSpec other = TinyNetwork.Spec(classes: 3);
        using nn.Module<Tensor, Tensor> otherModel = ClcNetRegistry.Create(other);
        using SGD otherOptimizer = ReferenceSgd.Create(otherModel.parameters(), 0.1, 0.9, 1e-4);

        CheckpointException error = Assert.Throws<CheckpointException>(() => OptimizerStateFile.Load(path, otherOptimizer, other, CPU));

        Assert.Contains($"follows {spec} but this run builds {other}", error.Message);
    }

    [Theory]
    [InlineData(3L)]
    [InlineData(int.MaxValue)]
    [InlineData(long.MaxValue)]
    public void AnOptimiserStateClaimingAnotherBufferRankIsRefusedBeforeLoading(long rank)
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        byte[] payload = SteppedOptimiserPayload(spec, out int firstBuffer);
        Assert.Equal(4, payload[firstBuffer + 1]); // the stem's convolution weight
        AssertOptimiserStateRefused(spec, Splice(payload, firstBuffer + 1, rank), "momentum buffer 0 does not have rank 4");
    }

    [Fact]
    public void AnOptimiserStateClaimingAnotherBufferShapeIsRefusedBeforeLoading()
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        byte[] payload = SteppedOptimiserPayload(spec, out int firstBuffer);
        long[] shape = payload[(firstBuffer + 2)..(firstBuffer + 6)].Select(side => (long)side).ToArray();
        AssertOptimiserStateRefused(spec, Splice(payload, firstBuffer + 2, 1L << 40),
            $"momentum buffer 0 is not of shape [{string.Join(", ", shape)}]");
    }

    /// <summary><paramref name="payload"/> with the one-byte varint at <paramref name="at"/> replaced by <paramref name="value"/>.</summary>
    private static byte[] Splice(byte[] payload, int at, long value) => [.. payload[..at], .. ByteMutator.Varint(value), .. payload[(at + 1)..]];

    [Fact]
    public void ATruncatedOptimiserStateIsRefusedBeforeLoading()
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        byte[] payload = SteppedOptimiserPayload(spec, out _);
        AssertOptimiserStateRefused(spec, payload[..^5], "the file ends first");
    }

    [Fact]
    public void AnOptimiserStateWithBytesAfterItsBuffersIsRefused()
    {
        ClcNetSpec spec = TinyNetwork.Spec();
        byte[] payload = SteppedOptimiserPayload(spec, out _);
        AssertOptimiserStateRefused(spec, [.. payload, 0], "it has 1 bytes after its last buffer");
    }

    /// <summary>
    /// TorchSharp's SGD state after two steps, and where the first momentum buffer (its type, rank and sides, each a
    /// one-byte varint here) starts in it: after the type name "SGD", the group and parameter counts (one byte each
    /// here), one group's settings (five doubles, two booleans) and the first parameter's "has a buffer" flag.
    /// </summary>
    private static byte[] SteppedOptimiserPayload(ClcNetSpec spec, out int firstBuffer)
    {
        torch.manual_seed(3);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(spec);
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        TakeSteps(model, optimizer, steps: 2);
        Assert.InRange(model.parameters().Count(), 1, 127);
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }
        firstBuffer = 4 + 1 + 1 + 5 * 8 + 2 + 1;
        return payload.ToArray();
    }

    private void AssertOptimiserStateRefused(ClcNetSpec spec, byte[] payload, string problem)
    {
        string path = folder.File($"optimState_{Guid.NewGuid():N}");
        CraftedModelFiles.WriteSigned(path, $"{{\"spec\": {CheckpointJson.Format(spec)}}}", payload, kind: "optimiser state");
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(spec);
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        CheckpointException error = Assert.Throws<CheckpointException>(() => OptimizerStateFile.Load(path, optimizer, spec, CPU));

        Assert.True(error.Message.StartsWith($"{path}: its optimiser state does not fit this network (", StringComparison.Ordinal)
            && error.Message.Contains(problem, StringComparison.Ordinal), error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 16L << 20);
        Assert.All(MomentumBuffers(optimizer), buffer => Assert.Null(buffer));
    }

    internal static List<Tensor> MomentumBuffers(TorchSharp.Modules.SGD optimizer) =>
        optimizer.state_dict().State.Cast<TorchSharp.Modules.SGD.State>().Select(state => state.momentum_buffer).ToList();

    private string SavedOptimiserState(ClcNetSpec spec)
    {
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(spec);
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        string path = folder.File("optimState_1");
        OptimizerStateFile.Save(path, optimizer, spec);
        return path;
    }

    private string SavedModel(ClcNetSpec spec)
    {
        using nn.Module<Tensor, Tensor> model = TrainedNetwork(spec, seed: 1);
        string path = folder.File($"model_{Guid.NewGuid():N}");
        ModelFile.Save(path, model, ModelMetadata.For(spec, TinyNetwork.ClassNames(spec.Classes)));
        return path;
    }

    /// <summary>A network whose weights and BatchNorm statistics have moved away from their initial values.</summary>
    private static nn.Module<Tensor, Tensor> TrainedNetwork(ClcNetSpec spec, int seed)
    {
        torch.manual_seed(seed);
        nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(spec);
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        TakeSteps(model, optimizer, steps: 2, spec.Classes);
        return model;
    }

    private static void TakeSteps(nn.Module<Tensor, Tensor> model, TorchSharp.Modules.SGD optimizer, int steps, int classes = 4)
    {
        model.train();
        foreach (Batch batch in SyntheticBatches.Create(steps, batchSize: 8, seed: 5, classes).Epoch(1))
        {
            using (batch)
            using (DisposeScope scope = NewDisposeScope())
            {
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.forward(batch.Images), batch.Labels).backward();
                optimizer.step();
            }
        }
    }

    private static Tensor Evaluate(nn.Module<Tensor, Tensor> model, Tensor input)
    {
        model.eval();
        using IDisposable noGrad = no_grad();
        return model.forward(input);
    }
}
