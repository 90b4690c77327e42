using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Onnx;

public sealed class OnnxClassifierTests
{
    private static readonly ClcNetSpec Spec = TestNetworks.Custom;

    [Fact]
    public void AMissingFileIsOneClearError()
    {
        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load("/nonexistent/net.onnx"));

        Assert.Equal("/nonexistent/net.onnx: no such file; export a model with clcgen export or ClcNetOnnx.Export", error.Message);
    }

    [Fact]
    public void ATruncatedFileIsNotAValidOnnxModel()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        using var folder = new TemporaryFolder();
        string path = folder.File("net.onnx");
        ClcNetOnnx.Export(model, Spec, path);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(path));

        Assert.StartsWith($"{path} is not a valid ONNX model (", error.Message);
        Assert.Equal($"{path} is not a valid ONNX model (Protobuf parsing failed.); export it again with clcgen export or ClcNetOnnx.Export", error.Message);
    }

    [Fact]
    public void AFileOfAnotherKindIsNotAValidOnnxModel()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("notes.onnx");
        File.WriteAllText(path, "these are not the weights you are looking for\n");

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(path));

        Assert.StartsWith($"{path} is not a valid ONNX model (", error.Message);
    }

    [Fact]
    public void AModelWhoseInputIsNotImagesIsNotAClassifier()
    {
        ModelProto onnx = Elementwise("Relu", inputs: 1, [new("batch"), new(3)]);

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(onnx.ToByteArray(), "relu.onnx"));

        Assert.Equal("relu.onnx is not an image classifier: its input x0 is float [batch, 3], not float32 images [N, C, H, W]; use a model exported by clcgen export or ClcNetOnnx.Export", error.Message);
    }

    [Fact]
    public void AModelWithImageOutputIsNotAClassifier()
    {
        ModelProto onnx = Elementwise("Relu", inputs: 1, [new("batch"), new(3), new(8), new(8)]);

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(onnx.ToByteArray(), "relu.onnx"));

        Assert.Contains("its output y is float [batch, 3, 8, 8], not float32 logits [N, classes]", error.Message);
    }

    [Fact]
    public void AModelWithTwoInputsIsNotAClassifier()
    {
        ModelProto onnx = Elementwise("Add", inputs: 2, [new("batch"), new(3), new(8), new(8)]);

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(onnx.ToByteArray(), "add.onnx"));

        Assert.Contains("add.onnx is not an image classifier: it has 2 inputs, not one image input", error.Message);
    }

    [Fact]
    public void AnImageInputWithoutFixedSizeIsNotAClassifier()
    {
        ModelProto onnx = Exported();
        onnx.Graph.Input[0].Type.TensorType.Shape.Dim[2] = new TensorShapeProto.Types.Dimension { DimParam = "height" };

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(onnx.ToByteArray(), "net.onnx"));

        Assert.Contains("its input input is float [batch, 1, height, 32]: channels, height and width must be fixed", error.Message);
    }

    [Fact]
    public void MalformedMetadataIsOneClearError()
    {
        ModelProto onnx = Exported();
        onnx.MetadataProps.Single(entry => entry.Key == ClcNetOnnxMetadata.ClassesKey).Value = "[\"a\", ";

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(onnx.ToByteArray(), "net.onnx"));

        Assert.StartsWith("net.onnx: its metadata clcnet.classes is not valid (", error.Message);
    }

    [Fact]
    public void MetadataThatContradictsTheGraphIsRejected()
    {
        ModelProto onnx = Exported();
        ClcNetSpec other = new(0, 1, 0, 0, classes: 3, inputChannels: 1, inputSize: 32, stemStride: 1);
        onnx.MetadataProps.Clear();
        new ClcNetOnnxMetadata(other, ["a", "b", "c"], InputNormalization.FashionMnist).WriteTo(onnx);

        OnnxModelException error = Assert.Throws<OnnxModelException>(() => OnnxClassifier.Load(onnx.ToByteArray(), "net.onnx"));

        Assert.Contains($"its metadata describes {other} but the graph takes [N, 1, 32, 32] to 5 classes", error.Message);
    }

    [Fact]
    public void AModelWithoutOurMetadataRunsWithIndexNamesAndNoNormalisation()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        ModelProto onnx = ClcNetOnnx.ToModel(model, Spec);
        onnx.MetadataProps.Clear();

        using var classifier = OnnxClassifier.Load(onnx.ToByteArray(), "foreign.onnx");

        Assert.Null(classifier.Metadata);
        Assert.Null(classifier.Normalization);
        Assert.Equal(["0", "1", "2", "3", "4"], classifier.ClassNames);
        LogitAssert.SameAsNetwork(model, classifier, Spec, 3, seed: 3);
    }

    [Fact]
    public void AModelWithAFixedBatchRunsAnyNumberOfImagesInChunks()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        ModelProto onnx = ClcNetOnnx.ToModel(model, Spec);
        onnx.Graph.Input[0].Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = 3 };
        onnx.Graph.Output[0].Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = 3 };

        using var classifier = OnnxClassifier.Load(onnx.ToByteArray(), "fixed.onnx");

        LogitAssert.SameAsNetwork(model, classifier, Spec, 7, seed: 4);
    }

    [Fact]
    public void ArraysRunLikeTensors()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        using var classifier = OnnxClassifier.Load(ClcNetOnnx.ToModel(model, Spec).ToByteArray(), "net.onnx");
        using Tensor images = TestNetworks.Images(Spec, 2, seed: 5);

        float[] logits = classifier.Run(images.data<float>().ToArray());

        using Tensor expected = classifier.Run(images);
        Assert.Equal(expected.data<float>().ToArray(), logits);
    }

    [Fact]
    public void ImagesOfAnotherShapeAreRejected()
    {
        using var classifier = OnnxClassifier.Load(Exported().ToByteArray(), "net.onnx");
        using Tensor rgb = zeros(2, 3, 32, 32);

        ArgumentException error = Assert.Throws<ArgumentException>(() => classifier.Run(rgb));

        Assert.StartsWith("net.onnx takes images [N, 1, 32, 32], got [2, 3, 32, 32]", error.Message);
        Assert.Throws<ArgumentException>(() => classifier.Run(new float[1000]));
    }

    private static ModelProto Exported()
    {
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(Spec);
        return ClcNetOnnx.ToModel(model, Spec);
    }

    /// <summary>A model that is not a classifier: one elementwise node over float tensors of <paramref name="shape"/>.</summary>
    private static ModelProto Elementwise(string opType, int inputs, Dim[] shape)
    {
        ValueInfoProto Value(string name)
        {
            var dims = new TensorShapeProto();
            dims.Dim.AddRange(shape.Select(dim => dim.Name is null
                ? new TensorShapeProto.Types.Dimension { DimValue = dim.Size }
                : new TensorShapeProto.Types.Dimension { DimParam = dim.Name }));
            return new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = dims } },
            };
        }
        var graph = new GraphProto { Name = opType };
        var node = new NodeProto { OpType = opType, Output = { "y" } };
        for (int i = 0; i < inputs; i++)
        {
            node.Input.Add($"x{i}");
            graph.Input.Add(Value($"x{i}"));
        }
        graph.Node.Add(node);
        graph.Output.Add(Value("y"));
        var model = new ModelProto { IrVersion = 8, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 17 });
        return model;
    }

    private readonly record struct Dim(string? Name, long Size)
    {
        public Dim(string name) : this(name, 0) { }

        public Dim(long size) : this(null, size) { }
    }
}
