using ClcNet.Interop.Onnx;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Support;

internal static class LogitAssert
{
    /// <summary>The classifier's logits for <paramref name="count"/> random images are those of <paramref name="model"/>.</summary>
    public static void SameAsNetwork(nn.Module<Tensor, Tensor> model, OnnxClassifier classifier, ClcNetSpec spec, int count, int seed)
    {
        using Tensor images = TestNetworks.Images(spec, count, seed);
        using Tensor expected = TestNetworks.Logits(model, images);
        using Tensor actual = classifier.Run(images);
        Close(expected, actual);
    }

    /// <summary>The exported network's logits equal TorchSharp's within 1e-4, and TorchSharp's are far from constant.</summary>
    public static void Close(Tensor expected, Tensor actual, double tolerance = 1e-4)
    {
        Assert.Equal(expected.shape, actual.shape);
        // Logits that hardly vary would make any graph look right: the test networks keep their activations' scale.
        Assert.True(expected.std().item<float>() > 0.1, $"reference logits vary too little ({expected.std().item<float>()}) to test anything");
        double difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= tolerance, $"largest logit difference {difference:E3} exceeds {tolerance:E0}");
    }
}
