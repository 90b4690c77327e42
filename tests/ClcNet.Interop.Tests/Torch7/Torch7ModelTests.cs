using ClcNet.Interop.Tests.Torch7.Support;
using ClcNet.Interop.Torch7;
using ClcNet.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Torch7;

/// <summary>clcNet .t7 files in every encoding the original and hand-saved models use give PyTorch's logits.</summary>
public sealed class Torch7ModelTests
{
    private const float Tolerance = 1e-4f;

    public static TheoryData<string> Encodings => new(Variants.Keys);

    private static readonly Dictionary<string, Torch7Encoding> Variants = new[]
    {
        new Torch7Encoding("float, as fb.resnet.torch saves"),
        new Torch7Encoding("cuda tensors and cuda indices") { TensorClass = "torch.CudaTensor", IndexClass = "torch.CudaTensor" },
        new Torch7Encoding("double tensors") { TensorClass = "torch.DoubleTensor", IndexClass = "torch.DoubleTensor" },
        new Torch7Encoding("running_std (nn before BN version 2)") { RunningStd = true },
        new Torch7Encoding("float interlace indices") { IndexClass = "torch.FloatTensor" },
        new Torch7Encoding("flat shared storage (getParameters)") { FlatStorage = true, TransposedClassifier = true },
        new Torch7Encoding("DataParallelTable wrapper") { DataParallel = true },
        new Torch7Encoding("shuffled fields") { ShuffleSeed = 7 },
        new Torch7Encoding("legacy class headers") { LegacyHeaders = true, RunningStd = true, DataParallel = true },
        new Torch7Encoding("nn classes") { NnClasses = true },
        new Torch7Encoding("convolution bias and eps 1e-3") { ConvolutionBias = true, Eps = 1e-3 },
        new Torch7Encoding("all at once") { TensorClass = "torch.CudaTensor", IndexClass = "torch.CudaLongTensor", FlatStorage = true,
            DataParallel = true, ShuffleSeed = 3, NnClasses = true, ConvolutionBias = true, TransposedClassifier = true },
    }.ToDictionary(encoding => encoding.Name);

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Logits_equal_pytorch_for_every_encoding(string encoding)
    {
        foreach (ReferenceModel reference in ReferenceModel.All)
        {
            byte[] file = ClcNetTorch7File.Bytes(reference, Variants[encoding]);
            using var loaded = Torch7Model.Load(file, "model.t7");
            Assert.Equal(reference.Spec, loaded.Spec);
            AssertLogits(reference, loaded);
        }
    }

    [Fact]
    public void The_generator_draws_the_weights_make_reference_drew()
    {
        foreach (ReferenceModel reference in ReferenceModel.All)
        {
            double sum = reference.Weights.Sum(weight => weight.Values.Sum(value => (double)value));
            Assert.Equal(reference.WeightSum, sum, 1e-6 * Math.Abs(reference.WeightSum));
        }
    }

    [Fact]
    public void State_dict_has_exactly_the_keys_and_shapes_of_the_network()
    {
        ReferenceModel reference = ReferenceModel.Rgb;
        using var loaded = Torch7Model.Load(ClcNetTorch7File.Bytes(reference, Variants["float, as fb.resnet.torch saves"]), "model.t7");
        using var network = ClcNetModel.Create(reference.Spec);
        var expected = network.state_dict().ToDictionary(entry => entry.Key, entry => string.Join("x", entry.Value.shape));
        var actual = loaded.StateDict.ToDictionary(entry => entry.Key, entry => string.Join("x", entry.Value.shape));
        Assert.Equal(expected.OrderBy(entry => entry.Key), actual.OrderBy(entry => entry.Key));
        Assert.Equal(reference.Weight("stage1.block1.conv1x1.weight"), loaded.StateDict["stage1.block1.conv1x1.weight"].data<float>().ToArray());
    }

    [Fact]
    public void The_input_size_is_the_largest_the_pooling_fits_unless_given()
    {
        ReferenceModel reference = ReferenceModel.Rgb;
        byte[] file = ClcNetTorch7File.Bytes(reference, Variants["float, as fb.resnet.torch saves"]);
        using (var guessed = Torch7Model.Load(file, "model.t7"))
        {
            Assert.Equal(64, guessed.Spec.InputSize);
        }
        // 33 to 64 all leave the 2x2 map the file's 2x2 pooling covers.
        using (var given = Torch7Model.Load(file, "model.t7", inputSize: 40))
        {
            Assert.Equal(40, given.Spec.InputSize);
        }
        Torch7ModelException error = Assert.Throws<Torch7ModelException>(() => Torch7Model.Load(file, "model.t7", inputSize: 65));
        Assert.Equal("model.t7: modules[11]: head.pool averages 2x2, but a 65x65 input leaves a 3x3 map: pass the input size the model was trained for (the pooling covers the whole map)", error.Message);
    }

    [Fact]
    public void Class_names_are_the_ilsvrc_ones_for_1000_classes_only()
    {
        using var small = Torch7Model.Load(ClcNetTorch7File.Bytes(ReferenceModel.Rgb, Variants["float, as fb.resnet.torch saves"]), "model.t7");
        Assert.Null(small.ClassNames);
        using var imagenet = Torch7Model.Load(ClcNetTorch7File.Bytes(ReferenceModel.WithSpec(new ClcNetSpec(0, 0, 0, 0, inputSize: 64)), Variants["float, as fb.resnet.torch saves"]), "model.t7");
        Assert.Equal(1000, imagenet.Spec.Classes);
        Assert.Same(Ilsvrc2012Classes.Names, imagenet.ClassNames);
    }

    [Fact]
    public void A_loaded_network_saves_as_our_model_file_with_the_same_logits()
    {
        ReferenceModel reference = ReferenceModel.Gray;
        using var loaded = Torch7Model.Load(ClcNetTorch7File.Bytes(reference, Variants["float, as fb.resnet.torch saves"]), "model.t7");
        string path = Path.Combine(Path.GetTempPath(), $"torch7-{Guid.NewGuid():N}.model");
        try
        {
            using (nn.Module<Tensor, Tensor> network = loaded.CreateNetwork())
            {
                ModelFile.Save(path, network, ModelMetadata.For(loaded.Spec, ["a", "b", "c"]));
            }
            (nn.Module<Tensor, Tensor>? saved, ModelMetadata? metadata) = ModelFile.Load(path, CPU);
            using (saved)
            {
                Assert.Equal(loaded.Spec, metadata.Spec);
                saved.eval();
                AssertLogits(reference, saved);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertLogits(ReferenceModel reference, Torch7Model loaded)
    {
        using nn.Module<Tensor, Tensor> network = loaded.CreateNetwork();
        AssertLogits(reference, network);
    }

    private static void AssertLogits(ReferenceModel reference, nn.Module<Tensor, Tensor> network)
    {
        using Tensor input = reference.InputTensor();
        using Tensor logits = network.forward(input);
        float[] actual = logits.data<float>().ToArray();
        float[] expected = reference.Logits.SelectMany(row => row).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"logit {i}: expected {expected[i]}, got {actual[i]}");
        }
    }
}
