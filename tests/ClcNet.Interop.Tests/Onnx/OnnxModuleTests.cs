using ClcNet.Data;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using ClcNet.Training;
using ClcNet.Training.Progress;
using Google.Protobuf;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Onnx;

public sealed class OnnxModuleTests
{
    [Fact]
    public void TheTrainersEvaluationOfTheOnnxModelMatchesThatOfTheNetwork()
    {
        ClcNetSpec spec = TestNetworks.FashionMnist;
        using nn.Module<Tensor, Tensor> model = TestNetworks.Trained(spec);
        using var classifier = OnnxClassifier.Load(ClcNetOnnx.ToModel(model, spec).ToByteArray(), "net.onnx");
        using var module = new OnnxModule(classifier);
        var batches = new BatchSource(3, _ => Enumerable.Range(0, 3).Select(index =>
            new Batch(TestNetworks.Images(spec, 7, seed: 20 + index), randint(0, spec.Classes, [7], generator: new Generator((ulong)index))) { Index = index + 1 }));

        PhaseSummary expected = new Trainer(model, CPU, new LogProgress(TextWriter.Null, every: 1)).Evaluate(1, batches);
        PhaseSummary actual = new Trainer(module, CPU, new LogProgress(TextWriter.Null, every: 1)).Evaluate(1, batches);

        Assert.Equal((expected.Top1, expected.Top5, expected.Images), (actual.Top1, actual.Top5, actual.Images));
        Assert.Equal(expected.Loss, actual.Loss, tolerance: 1e-5);
    }
}
