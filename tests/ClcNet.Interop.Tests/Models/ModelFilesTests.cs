using ClcNet.Interop.Models;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using ClcNet.Interop.Tests.Torch7.Support;
using ClcNet.Interop.Torch7;
using ClcNet.Training.Checkpoints;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Models;

/// <summary>ModelFiles tells the formats apart by content and extension and opens each to the same logits.</summary>
public sealed class ModelFilesTests : IDisposable
{
    private static readonly Torch7Encoding Original = new("float, as fb.resnet.torch saves");

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void FormatsAreToldApartByHeaderExtensionAndTorch7Start()
    {
        string t7 = WriteTorch7(ReferenceModel.Gray, "model.t7");
        string t7WithoutExtension = WriteTorch7(ReferenceModel.Gray, "model_best");
        string modelFile = folder.File("model_best.t7");
        using (nn.Module<Tensor, Tensor> network = TestNetworks.Trained(TestNetworks.Custom))
        {
            ModelFile.Save(modelFile, network, ModelMetadata.For(TestNetworks.Custom, ["a", "b", "c", "d", "e"]));
        }

        Assert.Equal(ModelFileFormat.Torch7, ModelFiles.FormatOf(t7));
        Assert.Equal(ModelFileFormat.Torch7, ModelFiles.FormatOf(t7WithoutExtension));
        Assert.Equal(ModelFileFormat.ClcNet, ModelFiles.FormatOf(modelFile));
        Assert.Equal(ModelFileFormat.Onnx, ModelFiles.FormatOf(folder.File("missing.onnx")));
        Assert.Equal(ModelFileFormat.ClcNet, ModelFiles.FormatOf(folder.File("missing")));
    }

    [Fact]
    public void ATorch7FileOpensWithIndexNamesAndTheLogitsOfItsNetwork()
    {
        ReferenceModel reference = ReferenceModel.Gray;
        string path = WriteTorch7(reference, "gray.t7");

        using LoadedModel model = ModelFiles.Open(path);
        using Tensor logits = TestNetworks.Logits(model.Network, reference.InputTensor());

        Assert.Equal((ModelFileFormat.Torch7, reference.Spec), (model.Format, model.Spec));
        Assert.Equal(["0", "1", "2"], model.ClassNames);
        Assert.Equal(InputNormalization.FashionMnist, model.Normalization);
        LogitAssert.Close(tensor(reference.Logits.SelectMany(row => row).ToArray(), [reference.Batch, reference.Spec.Classes]), logits);
    }

    [Fact]
    public void AThousandClassTorch7FileGetsTheIlsvrcNames()
    {
        ClcNetSpec spec = new(0, 0, 0, 0, classes: 1000, inputSize: 32);
        string path = WriteTorch7(ReferenceModel.WithSpec(spec), "imagenet.t7");

        using LoadedModel model = ModelFiles.Open(path, new ModelOpenOptions { Torch7InputSize = 32 });

        Assert.Equal(spec, model.Spec);
        Assert.Same(Ilsvrc2012Classes.Names, model.ClassNames);
        Assert.Equal("tench", model.ClassNames[0]);
    }

    [Fact]
    public void AClassNamesFileNamesTheClasses()
    {
        string path = WriteTorch7(ReferenceModel.Gray, "gray.t7");
        string names = folder.File("names.txt");
        File.WriteAllText(names, "shirt\ncoat\r\nbag\n\n");

        using LoadedModel model = ModelFiles.Open(path, new ModelOpenOptions { ClassNamesFile = names });

        Assert.Equal(["shirt", "coat", "bag"], model.ClassNames);
    }

    [Theory]
    [InlineData("a\nb\n", "it names 2 classes but the model has 3 outputs; give one name per line, one per output")]
    [InlineData("a\n\nb\n", "line 2 is empty; give one name per line, one per output")]
    [InlineData("a\nb\na\n", "line 3 repeats the class name 'a'; give each class its own name")]
    public void AClassNamesFileThatDoesNotFitIsOneClearError(string text, string problem)
    {
        string path = WriteTorch7(ReferenceModel.Gray, "gray.t7");
        string names = folder.File("names.txt");
        File.WriteAllText(names, text);

        ClassNamesException error = Assert.Throws<ClassNamesException>(() => ModelFiles.Open(path, new ModelOpenOptions { ClassNamesFile = names }));

        Assert.Equal(problem, error.Problem);
        Assert.Equal($"--class-names {names}: {problem}", error.Describe("--class-names"));
    }

    [Fact]
    public void ATorch7FileReadForTrainingLoadsTheSameWeights()
    {
        ReferenceModel reference = ReferenceModel.Gray;
        string path = WriteTorch7(reference, "gray.t7");

        SavedModel saved = ModelFiles.ReadForTraining(path, reference.Spec.InputSize);
        using nn.Module<Tensor, Tensor> network = ClcNetRegistry.Create(saved.Spec);
        saved.LoadInto(network, reference.Spec);
        using var original = Torch7Model.Load(path);
        using nn.Module<Tensor, Tensor> expected = original.CreateNetwork();

        Assert.Equal((path, reference.Spec), (saved.Path, saved.Spec));
        using Tensor images = reference.InputTensor();
        network.eval();
        Assert.Equal(TestNetworks.Logits(expected, images).data<float>().ToArray(), TestNetworks.Logits(network, images).data<float>().ToArray());
    }

    [Fact]
    public void AnExportedOnnxModelOpensWithItsMetadataAndRunsOnOnnxRuntime()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> network = TestNetworks.Trained(spec);
        string path = folder.File("net.onnx");
        ClcNetOnnx.Export(network, spec, path, new OnnxExportOptions { ClassNames = ["a", "b", "c", "d", "e"] });

        using LoadedModel model = ModelFiles.Open(path);
        using Tensor images = TestNetworks.Images(spec, 3, seed: 5);

        Assert.Equal((ModelFileFormat.Onnx, spec), (model.Format, model.Spec));
        Assert.Equal(["a", "b", "c", "d", "e"], model.ClassNames);
        Assert.IsType<OnnxModule>(model.Network);
        LogitAssert.Close(TestNetworks.Logits(network, images), TestNetworks.Logits(model.Network, images));
        Assert.Throws<ModelFileException>(() => model.UseKernels(ClcKernels.Ilgpu));
    }

    [Fact]
    public void AnOnnxModelWithoutOurMetadataIsRefused()
    {
        using nn.Module<Tensor, Tensor> network = TestNetworks.Trained(TestNetworks.Custom);
        ModelProto onnx = ClcNetOnnx.ToModel(network, TestNetworks.Custom);
        onnx.MetadataProps.Clear();
        string path = folder.File("foreign.onnx");
        File.WriteAllBytes(path, onnx.ToByteArray());

        ModelFileException error = Assert.Throws<ModelFileException>(() => ModelFiles.Open(path));

        Assert.StartsWith($"{path} is an ONNX model without ClcNet.NET's metadata (clcnet.spec)", error.Message);
    }

    [Fact]
    public void AnOnnxModelHoldsNoWeightsToTrainOrExport()
    {
        string path = folder.File("net.onnx");
        using (nn.Module<Tensor, Tensor> network = TestNetworks.Trained(TestNetworks.Custom))
        {
            ClcNetOnnx.Export(network, TestNetworks.Custom, path);
        }

        ModelFileException training = Assert.Throws<ModelFileException>(() => ModelFiles.ReadForTraining(path, 32));
        ModelFileException export = Assert.Throws<ModelFileException>(() => ModelFiles.OpenWeights(path));

        Assert.Equal($"{path} is an ONNX model: it runs on ONNX Runtime but holds no trainable network; use the model file or Torch7 file it was exported from", training.Message);
        Assert.StartsWith($"{path} is an ONNX model: it holds a computation graph", export.Message);
    }

    [Fact]
    public void AnOnnxModelExpectingAnotherNormalisationDoesNotTakeThePipelinesImages()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using nn.Module<Tensor, Tensor> network = TestNetworks.Trained(spec);
        string path = folder.File("net.onnx");
        ClcNetOnnx.Export(network, spec, path, new OnnxExportOptions { Normalization = new InputNormalization([0.5f], [0.5f]) });

        using LoadedModel model = ModelFiles.Open(path);
        ModelFileException error = Assert.Throws<ModelFileException>(model.RequirePipelineNormalization);

        Assert.StartsWith($"{path} expects 1-channel input with mean (0.5), std (0.5), but clcgen's pipeline for such images gives mean (", error.Message);
    }

    [Fact]
    public void AMissingTorch7FileIsOneClearError()
    {
        string path = folder.File("missing.t7");

        ModelFileException error = Assert.Throws<ModelFileException>(() => ModelFiles.Open(path));

        Assert.Equal($"{path}: no such file; check the path", error.Message);
    }

    private string WriteTorch7(ReferenceModel reference, string name)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, ClcNetTorch7File.Bytes(reference, Original));
        return path;
    }
}
