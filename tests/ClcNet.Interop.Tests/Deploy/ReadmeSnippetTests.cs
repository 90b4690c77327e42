using System.Text.Json;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Tests.Deploy;

/// <summary>The C# snippet of the README's "Deploy" section compiles and names the class TorchSharp's logits pick.</summary>
public sealed class ReadmeSnippetTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void TheSnippetClassifiesAsTheNetwork()
    {
        ClcNetSpec spec = TestNetworks.FashionMnist;
        using nn.Module<torch.Tensor, torch.Tensor> network = TestNetworks.Trained(spec);
        string path = folder.File("net.onnx");
        string[] names = [.. Enumerable.Range(0, spec.Classes).Select(index => $"class {index}")];
        ClcNetOnnx.Export(network, spec, path, new OnnxExportOptions { ClassNames = names });
        using TorchSharp.torch.Tensor image = TestNetworks.Images(spec, 1, seed: 4);

        string answer = Snippet(path, image.data<float>().ToArray());

        Assert.Equal(names[TestNetworks.Logits(network, image).argmax(1).item<long>()], answer);
    }

    // Everything between the markers is the README's snippet, verbatim.
    private static string Snippet(string path, float[] pixels)
    {
        // README snippet start
        using var session = new InferenceSession(path);     // CUDA: new InferenceSession(path, SessionOptions.MakeSessionOptionWithCudaProvider(0))
        Dictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap; // clcnet.spec, clcnet.classes, clcnet.mean, clcnet.std (JSON)
        string[] classes = JsonSerializer.Deserialize<string[]>(metadata["clcnet.classes"])!;
        // pixels: one 28x28 grayscale image in [0, 1], then (x - clcnet.mean) / clcnet.std per channel
        var input = new DenseTensor<float>(pixels, [1, 1, 28, 28]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        float[] logits = [.. results.Single(result => result.Name == "logits").AsEnumerable<float>()];
        string best = classes[Array.IndexOf(logits, logits.Max())];
        // README snippet end
        return best;
    }
}
