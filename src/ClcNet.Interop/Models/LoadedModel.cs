using ClcNet.Data;
using ClcNet.Interop.Onnx;
using ClcNet.Training;
using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Interop.Models;

/// <summary>
/// A model file opened for inference by <see cref="ModelFiles"/>, whatever its format: the network it computes, its
/// class names and the input normalisation it expects, and a TorchSharp module that runs it (the network itself, or
/// an <see cref="OnnxModule"/> on ONNX Runtime), so that evaluation and classification are written once.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private readonly OnnxClassifier? onnx;

    internal LoadedModel(string path, ModelFileFormat format, ClcNetSpec spec, IReadOnlyList<string> classNames,
        InputNormalization? normalization, nn.Module<Tensor, Tensor> network, OnnxClassifier? onnx = null)
    {
        Path = path;
        Format = format;
        Spec = spec;
        ClassNames = classNames;
        Normalization = normalization;
        Network = network;
        this.onnx = onnx;
    }

    /// <summary>The file it was opened from.</summary>
    public string Path { get; }

    /// <summary>What kind of file it is.</summary>
    public ModelFileFormat Format { get; }

    /// <summary>The network the file holds or computes.</summary>
    public ClcNetSpec Spec { get; }

    /// <summary>One name per output.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>
    /// The <c>(x - mean) / std</c> its input must have had: what an ONNX model's metadata records, else what clcgen's
    /// pipeline trains a network of these input channels with (<see cref="InputNormalization.ForChannels"/>); null when
    /// neither is known.
    /// </summary>
    public InputNormalization? Normalization { get; }

    /// <summary>Runs the model: logits <c>[N, classes]</c> of normalised images <c>[N, C, H, W]</c>; in evaluation mode, on the device it was opened for.</summary>
    public nn.Module<Tensor, Tensor> Network { get; }

    /// <summary>The spec and class names, as a model file records them.</summary>
    public ModelMetadata Metadata => ModelMetadata.For(Spec, ClassNames);

    /// <summary>
    /// The kernels the CLC blocks run on for <paramref name="choice"/>: it, or with none the default on
    /// <paramref name="device"/> (<see cref="DefaultKernels.For"/>); null for an ONNX model, which ONNX Runtime runs whole.
    /// </summary>
    /// <exception cref="ModelFileException">Other kernels than libtorch's were chosen for an ONNX model.</exception>
    public ClcKernels? KernelsFor(ClcKernels? choice, TorchSharp.DeviceType device)
    {
        if (onnx is null)
        {
            return DefaultKernels.Resolve(choice, device);
        }
        return choice is null or ClcKernels.LibTorch ? null : throw OnnxHasNoKernels(choice.Value);
    }

    /// <summary>Runs the CLC blocks on <paramref name="kernels"/>.</summary>
    /// <exception cref="ModelFileException">The model runs on ONNX Runtime, which has no other kernels to choose.</exception>
    /// <exception cref="ArgumentException">A block cannot run on those kernels.</exception>
    public void UseKernels(ClcKernels kernels)
    {
        if (onnx is not null && kernels != ClcKernels.LibTorch)
        {
            throw OnnxHasNoKernels(kernels);
        }
        Network.UseKernels(kernels);
    }

    private ModelFileException OnnxHasNoKernels(ClcKernels kernels) =>
        new($"{Path} is an ONNX model and runs on ONNX Runtime; the {kernels} kernels run only networks of model files and Torch7 files");

    /// <summary>
    /// Checks that the model takes the images of <paramref name="data"/> (in <paramref name="dataDirectory"/>) and has
    /// its classes, and that it expects the normalisation clcgen's data pipeline gives them.
    /// </summary>
    /// <exception cref="DataMismatchException">The model does not fit the data.</exception>
    /// <exception cref="ModelFileException">The model expects another normalisation than the pipeline's.</exception>
    public void RequireFits(IImageDataset data, string dataDirectory)
    {
        DataMismatchException.ThrowIfMismatch(Spec, Path, data, dataDirectory);
        RequirePipelineNormalization();
    }

    /// <summary>Checks that the model expects the normalisation clcgen's pipeline gives images of its input channels.</summary>
    /// <exception cref="ModelFileException">It expects another one, or none is known for its channels.</exception>
    public void RequirePipelineNormalization()
    {
        var pipeline = InputNormalization.ForChannels(Spec.InputChannels);
        if (pipeline is null || !pipeline.Equals(Normalization))
        {
            string expected = Normalization?.ToString() ?? "no known normalisation";
            string given = pipeline?.ToString() ?? "nothing (there is no pipeline for such images)";
            throw new ModelFileException(
                $"{Path} expects {Spec.InputChannels}-channel input with {expected}, but clcgen's pipeline for such images gives {given}; normalise the images yourself and run the model with ONNX Runtime or TorchSharp");
        }
    }

    /// <summary>Frees the network and, for an ONNX model, its ONNX Runtime session.</summary>
    public void Dispose()
    {
        Network.Dispose();
        onnx?.Dispose();
    }
}
