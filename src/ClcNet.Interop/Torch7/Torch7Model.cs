using ClcNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Torch7;

/// <summary>
/// An original clcNet model from a Torch7 <c>.t7</c> file (the published clcNet-A/B weights, or any
/// <c>model_N.t7</c> / <c>model_best.t7</c> that fb.resnet.torch saves for clcNet): its spec and its weights
/// under the names of <see cref="ClcNetModel"/> and the generated networks, ready to load into one.
/// </summary>
/// <example>
/// <code>
/// using var original = Torch7Model.Load("clcnet_a.t7");
/// using var network = original.CreateNetwork();          // clcNet(1, 1, 5, 2), evaluation mode
/// using var logits = network.forward(images);             // [N, 1000]
/// string name = original.ClassNames![logits[0].argmax().item&lt;long&gt;()];
/// </code>
/// </example>
public sealed class Torch7Model : IDisposable
{
    private readonly Dictionary<string, Tensor> stateDict;

    private Torch7Model(ClcNetSpec spec, Dictionary<string, Tensor> stateDict)
    {
        Spec = spec;
        this.stateDict = stateDict;
    }

    /// <summary>
    /// The network the file holds: depths, classes, input channels, stem stride and group sizes as its
    /// layers say. A <c>.t7</c> file has no input size: it is the one given to <see cref="Load(string, int?)"/>,
    /// else the largest the final pooling fits (224 for the published models, which pool 7x7).
    /// </summary>
    public ClcNetSpec Spec { get; }

    /// <summary>
    /// The weights and batch-norm buffers as CPU float tensors under our names (<c>stem.conv.weight</c>,
    /// <c>stage3.block2.bn1.running_var</c>, <c>head.fc.bias</c>, ...): exactly the keys of the network's
    /// <c>state_dict()</c>. Owned by this object.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict => stateDict;

    /// <summary>
    /// Class names for the model's outputs: Torch7 files carry none, so a 1000-class model (what
    /// fb.resnet.torch trains on ImageNet) gets <see cref="Ilsvrc2012Classes.Names"/>, in its class order;
    /// any other model null.
    /// </summary>
    public IReadOnlyList<string>? ClassNames => Spec.Classes == Ilsvrc2012Classes.Names.Count ? Ilsvrc2012Classes.Names : null;

    /// <summary>Reads a clcNet from the Torch7 file at <paramref name="path"/>.</summary>
    /// <param name="path">A <c>.t7</c> file written by <c>torch.save</c> (binary).</param>
    /// <param name="inputSize">The input side to run the network at; null for the largest its pooling fits (224 for the published models).</param>
    /// <exception cref="Torch7FormatException">The file is not a readable Torch7 binary file.</exception>
    /// <exception cref="Torch7ModelException">The file holds something other than a clcNet (the message names the module and what was expected).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Torch7Model Load(string path, int? inputSize = null) => Load(File.ReadAllBytes(path), path, inputSize);

    /// <summary>Reads a clcNet from the bytes of a Torch7 file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="fileName">Names the bytes in messages.</param>
    /// <param name="inputSize">The input side to run the network at; null for the largest its pooling fits.</param>
    /// <exception cref="Torch7FormatException">The bytes are not a readable Torch7 binary file.</exception>
    /// <exception cref="Torch7ModelException">They hold something other than a clcNet.</exception>
    public static Torch7Model Load(ReadOnlyMemory<byte> bytes, string fileName, int? inputSize = null)
    {
        object? root = Torch7Reader.Read(bytes, fileName);
        Torch7ClcNetMapper.Result mapped = Torch7ClcNetMapper.Map(root, fileName, bytes.Length, inputSize);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach ((string? name, Torch7ClcNetMapper.HostTensor? host) in mapped.Weights)
        {
            tensors[name] = host.Values switch
            {
                float[] values => tensor(values, host.Shape),
                long[] values => tensor(values, host.Shape),
                _ => throw new InvalidOperationException($"{name}: unexpected element type {host.Values.GetType()}"),
            };
        }
        return new Torch7Model(mapped.Spec, tensors);
    }

    /// <summary>A new network of <see cref="Spec"/> on the CPU holding these weights, in evaluation mode.</summary>
    public nn.Module<Tensor, Tensor> CreateNetwork()
    {
        nn.Module<Tensor, Tensor> network = ClcNetRegistry.Create(Spec);
        network.load_state_dict(stateDict, strict: true);
        network.eval();
        return network;
    }

    /// <summary>Frees the weights.</summary>
    public void Dispose()
    {
        foreach (Tensor value in stateDict.Values)
        {
            value.Dispose();
        }
        stateDict.Clear();
    }
}
