using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using TorchSharp;

namespace ClcNet.Interop.Tests.Onnx;

public sealed class OnnxMetadataTests
{
    [Fact]
    public void TheSpecClassNamesAndImageNetNormalisationOfAnRgbNetworkReadBack()
    {
        ClcNetSpec spec = TestNetworks.DensePointwise;
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = TestNetworks.Trained(spec);
        string[] names = ["airplane", "bird", "cat", "deer", "dog", "frog", "horse"];

        using OnnxClassifier classifier = Load(ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { ClassNames = names }));

        Assert.Equal(spec, classifier.Metadata!.Spec);
        Assert.Equal(names, classifier.Metadata.ClassNames);
        Assert.Equal(names, classifier.ClassNames);
        Assert.Equal([0.485f, 0.456f, 0.406f], classifier.Normalization!.Mean);
        Assert.Equal([0.229f, 0.224f, 0.225f], classifier.Normalization.Std);
        Assert.Equal((3, 32, 32, 7), (classifier.InputChannels, classifier.InputHeight, classifier.InputWidth, classifier.Classes));
    }

    [Fact]
    public void AGrayscaleNetworkRecordsFashionMnistNormalisationAndIndexNamesByDefault()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = TestNetworks.Trained(spec);

        using OnnxClassifier classifier = Load(ClcNetOnnx.ToModel(model, spec));

        Assert.Equal(spec, classifier.Metadata!.Spec);
        Assert.Equal(["0", "1", "2", "3", "4"], classifier.ClassNames);
        Assert.Equal([0.2860f], classifier.Normalization!.Mean);
        Assert.Equal([0.3530f], classifier.Normalization.Std);
    }

    [Fact]
    public void TheMetadataIsPlainJsonUnderDocumentedKeys()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = TestNetworks.Trained(spec);
        var normalization = new InputNormalization([0.5f], [0.25f]);

        ModelProto onnx = ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { ClassNames = ["a", "b", "c", "d", "e"], Normalization = normalization });

        var properties = onnx.MetadataProps.ToDictionary(entry => entry.Key, entry => entry.Value);
        Assert.Equal(
            """{"a":0,"b":1,"c":0,"d":0,"classes":5,"inputChannels":1,"inputSize":32,"stemStride":1,"groupSize3x3":2,"pointwiseGroups":2}""",
            properties["clcnet.spec"]);
        Assert.Equal("""["a","b","c","d","e"]""", properties["clcnet.classes"]);
        Assert.Equal("[0.5]", properties["clcnet.mean"]);
        Assert.Equal("[0.25]", properties["clcnet.std"]);
        Assert.Equal("ClcNet.NET", onnx.ProducerName);
    }

    [Fact]
    public void ANetworkWithoutAKnownPipelineHasNoNormalisationUnlessGivenOne()
    {
        ClcNetSpec spec = new(0, 0, 0, 0, classes: 3, inputChannels: 4, inputSize: 32);
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = TestNetworks.Trained(spec);
        var normalization = new InputNormalization([0.1f, 0.2f, 0.3f, 0.4f], [1f, 1f, 1f, 1f]);

        using OnnxClassifier unknown = Load(ClcNetOnnx.ToModel(model, spec));
        using OnnxClassifier given = Load(ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { Normalization = normalization }));

        Assert.Null(unknown.Normalization);
        Assert.Equal(normalization, given.Normalization);
    }

    [Fact]
    public void ANormalisationForOtherChannelsIsRejected()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = TestNetworks.Trained(spec);

        ArgumentException error = Assert.Throws<ArgumentException>(() => ClcNetOnnx.ToModel(model, spec, new OnnxExportOptions { Normalization = InputNormalization.ImageNet }));

        Assert.Contains("the normalisation has 3 channels but", error.Message);
    }

    [Fact]
    public void OnnxRuntimeSeesTheProducerAndTheGraphName()
    {
        ClcNetSpec spec = TestNetworks.Custom;
        using torch.nn.Module<torch.Tensor, torch.Tensor> model = TestNetworks.Trained(spec);

        using var session = new InferenceSession(ClcNetOnnx.ToModel(model, spec).ToByteArray());

        Assert.Equal("ClcNet.NET", session.ModelMetadata.ProducerName);
        Assert.Equal(spec.ToString(), session.ModelMetadata.GraphName);
    }

    private static OnnxClassifier Load(ModelProto model) => OnnxClassifier.Load(model.ToByteArray(), "test.onnx");

    [Fact]
    public void ANormalisationComparesByValueAndPrintsAsTorchvisionWritesIt()
    {
        var copy = new InputNormalization([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

        Assert.Equal(InputNormalization.ImageNet, copy);
        Assert.NotEqual(InputNormalization.ImageNet, new InputNormalization([0.485f, 0.456f, 0.406f], [1f, 1f, 1f]));
        Assert.Equal("mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)", copy.ToString());
        Assert.Throws<ArgumentException>(() => new InputNormalization([0.5f], [0f]));
        Assert.Throws<ArgumentException>(() => new InputNormalization([0.5f, 0.5f], [1f]));
    }
}
