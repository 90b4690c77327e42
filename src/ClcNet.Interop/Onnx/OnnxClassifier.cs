using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;
using TensorElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// An image classifier on ONNX Runtime: one float32 input <c>[N, C, H, W]</c> of normalised images, one float32
/// output <c>[N, classes]</c> of logits. Models exported by <see cref="ClcNetOnnx"/> also carry their spec, class
/// names and normalisation (<see cref="Metadata"/>); any other model with such an input and output runs too, with
/// class names <c>0</c>, <c>1</c>, ... and no known normalisation, so the caller decides how to preprocess (a fixed
/// batch size is handled by running the images in chunks of it).
/// </summary>
/// <remarks>
/// Runs on the CPU with the <c>Microsoft.ML.OnnxRuntime</c> package. For CUDA, reference
/// <c>Microsoft.ML.OnnxRuntime.Gpu</c> (same version) instead and pass
/// <c>SessionOptions.MakeSessionOptionWithCudaProvider(deviceId)</c> to <see cref="Load(string, SessionOptions?)"/>;
/// the inputs and outputs stay in CPU memory and ONNX Runtime copies them to and from the device.
/// </remarks>
public sealed partial class OnnxClassifier : IDisposable
{
    private readonly InferenceSession session;
    private readonly string inputName;
    private readonly string outputName;
    private readonly long fixedBatch;

    private OnnxClassifier(InferenceSession session, string source)
    {
        this.session = session;
        Source = source;
        (inputName, fixedBatch, InputChannels, InputHeight, InputWidth) = FindInput(session, source);
        (outputName, Classes) = FindOutput(session, source, fixedBatch);
        Metadata = ClcNetOnnxMetadata.Read(session.ModelMetadata.CustomMetadataMap, source);
        if (Metadata is { Spec: var spec }
            && (spec.InputChannels != InputChannels || spec.InputSize != InputHeight || spec.InputSize != InputWidth || spec.Classes != Classes))
        {
            throw new OnnxModelException(
                $"{source}: its metadata describes {spec} but the graph takes [N, {InputChannels}, {InputHeight}, {InputWidth}] to {Classes} classes; export the model again with ClcNet.NET");
        }
        ClassNames = Metadata?.ClassNames ?? [.. Enumerable.Range(0, Classes).Select(index => index.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>Where the model came from (its path, or the name given to <see cref="Load(byte[], string, SessionOptions?)"/>).</summary>
    public string Source { get; }

    /// <summary>Channels of the input images.</summary>
    public int InputChannels { get; }

    /// <summary>Height of the input images.</summary>
    public int InputHeight { get; }

    /// <summary>Width of the input images.</summary>
    public int InputWidth { get; }

    /// <summary>Outputs per image.</summary>
    public int Classes { get; }

    /// <summary>The spec, class names and normalisation of a model exported by ClcNet.NET; null for other models.</summary>
    public ClcNetOnnxMetadata? Metadata { get; }

    /// <summary>One name per class: the metadata's, else <c>0</c>, <c>1</c>, ...</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The normalisation the model expects, from its metadata; null when the model does not say.</summary>
    public InputNormalization? Normalization => Metadata?.Normalization;

    /// <summary>Loads and checks the model at <paramref name="path"/>.</summary>
    /// <param name="path">An .onnx file.</param>
    /// <param name="options">ONNX Runtime's session options (threads, execution providers); the caller keeps ownership. Default: CPU, all graph optimisations.</param>
    /// <exception cref="OnnxModelException">The file is missing, not a valid ONNX model, or not an image classifier.</exception>
    public static OnnxClassifier Load(string path, SessionOptions? options = null)
    {
        if (!File.Exists(path))
        {
            throw new OnnxModelException($"{path}: no such file; export a model with clcgen export or ClcNetOnnx.Export");
        }
        return Open(path, options => new InferenceSession(path, options), options);
    }

    /// <summary>Loads and checks the model in <paramref name="model"/> (the bytes of an .onnx file), called <paramref name="source"/> in errors.</summary>
    /// <exception cref="OnnxModelException">The bytes are not a valid ONNX model, or not an image classifier.</exception>
    public static OnnxClassifier Load(byte[] model, string source, SessionOptions? options = null) =>
        Open(source, options => new InferenceSession(model, options), options);

    /// <summary>The logits <c>[N, classes]</c> of <paramref name="images"/>, normalised float32 <c>[N, C, H, W]</c> (on any device).</summary>
    /// <exception cref="ArgumentException">The images do not have the model's input shape.</exception>
    public Tensor Run(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != InputChannels || images.shape[2] != InputHeight || images.shape[3] != InputWidth)
        {
            throw new ArgumentException(
                $"{Source} takes images [N, {InputChannels}, {InputHeight}, {InputWidth}], got [{string.Join(", ", images.shape)}]: preprocess them to the model's input.",
                nameof(images));
        }
        long count = images.shape[0];
        using DisposeScope scope = NewDisposeScope();
        Tensor input = images.to(float32).cpu().contiguous();
        Tensor logits = empty(count, Classes, dtype: float32);
        long chunk = fixedBatch > 0 ? fixedBatch : Math.Max(count, 1);
        for (long start = 0; start < count; start += chunk)
        {
            long length = Math.Min(chunk, count - start);
            if (length == chunk)
            {
                RunChunk(input.narrow(0, start, length), logits.narrow(0, start, length));
            }
            else
            {
                // A model with a fixed batch size gets the last images padded with zeros to a full batch.
                Tensor padded = zeros(chunk, InputChannels, InputHeight, InputWidth, dtype: float32);
                padded.narrow(0, 0, length).copy_(input.narrow(0, start, length));
                Tensor paddedLogits = empty(chunk, Classes, dtype: float32);
                RunChunk(padded, paddedLogits);
                logits.narrow(0, start, length).copy_(paddedLogits.narrow(0, 0, length));
            }
        }
        return logits.MoveToOuterDisposeScope();
    }

    /// <summary>The logits of <paramref name="images"/>, normalised pixels of <c>images.Length / (C * H * W)</c> images laid out as <c>[N, C, H, W]</c>.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of images.</exception>
    public float[] Run(float[] images)
    {
        long imageSize = (long)InputChannels * InputHeight * InputWidth;
        if (images.Length % imageSize != 0)
        {
            throw new ArgumentException($"{Source} takes images of {InputChannels}x{InputHeight}x{InputWidth} = {imageSize} floats; got {images.Length}, which is not a whole number of them.", nameof(images));
        }
        using DisposeScope scope = NewDisposeScope();
        return Run(tensor(images, [images.Length / imageSize, InputChannels, InputHeight, InputWidth])).data<float>().ToArray();
    }

    /// <inheritdoc/>
    public void Dispose() => session.Dispose();

    private void RunChunk(Tensor input, Tensor output)
    {
        using OrtValue inputValue = Wrap(input);
        using OrtValue outputValue = Wrap(output);
        using var runOptions = new RunOptions();
        session.Run(runOptions, [inputName], [inputValue], [outputName], [outputValue]);
    }

    // ONNX Runtime reads and writes the tensors' own CPU memory: no copy in or out.
    private static OrtValue Wrap(Tensor contiguous)
    {
        using Storage<float> storage = contiguous.storage<float>();
        IntPtr address = storage.data_ptr() + checked((nint)(contiguous.storage_offset() * sizeof(float)));
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, contiguous.shape,
            address, contiguous.numel() * sizeof(float));
    }

    private static OnnxClassifier Open(string source, Func<SessionOptions, InferenceSession> create, SessionOptions? options)
    {
        using SessionOptions? defaults = options is null ? new SessionOptions() : null;
        InferenceSession session;
        try
        {
            session = create(options ?? defaults!);
        }
        catch (OnnxRuntimeException e)
        {
            string reason = OrtPrefix().Replace(e.Message.Split('\n')[0], "").Trim();
            throw new OnnxModelException($"{source} is not a valid ONNX model ({reason}); export it again with clcgen export or ClcNetOnnx.Export", e);
        }
        try
        {
            return new OnnxClassifier(session, source);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    private static (string Name, long Batch, int Channels, int Height, int Width) FindInput(InferenceSession session, string source)
    {
        if (session.InputMetadata.Count != 1)
        {
            throw NotAClassifier(source, $"it has {session.InputMetadata.Count} inputs, not one image input");
        }
        (string? name, NodeMetadata? input) = session.InputMetadata.Single();
        int[] dims = input.IsTensor ? input.Dimensions : [];
        if (!input.IsTensor || input.ElementDataType != TensorElementType.Float || dims.Length != 4)
        {
            throw NotAClassifier(source, $"its input {name} is {Describe(input)}, not float32 images [N, C, H, W]");
        }
        if (dims.Skip(1).Any(size => size <= 0))
        {
            throw NotAClassifier(source, $"its input {name} is {Describe(input)}: channels, height and width must be fixed");
        }
        return (name, Math.Max(dims[0], 0), dims[1], dims[2], dims[3]);
    }

    private static (string Name, int Classes) FindOutput(InferenceSession session, string source, long batch)
    {
        IReadOnlyDictionary<string, NodeMetadata> outputs = session.OutputMetadata;
        string? name = outputs.ContainsKey(ClcNetGraph.OutputName) ? ClcNetGraph.OutputName : outputs.Count == 1 ? outputs.Keys.Single() : null;
        if (name is null)
        {
            throw NotAClassifier(source, $"it has {outputs.Count} outputs and none is named {ClcNetGraph.OutputName}");
        }
        NodeMetadata output = outputs[name];
        int[] dims = output.IsTensor ? output.Dimensions : [];
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || dims.Length != 2 || dims[1] <= 0
            || (dims[0] > 0 && dims[0] != batch))
        {
            throw NotAClassifier(source, $"its output {name} is {Describe(output)}, not float32 logits [N, classes]");
        }
        return (name, dims[1]);
    }

    private static string Describe(NodeMetadata value) => value.IsTensor
        ? $"{value.ElementDataType.ToString().ToLowerInvariant()} [{string.Join(", ", value.Dimensions.Select((size, axis) => size > 0 ? size.ToString(CultureInfo.InvariantCulture) : Symbol(value, axis)))}]"
        : value.OnnxValueType.ToString();

    private static string Symbol(NodeMetadata value, int axis) =>
        value.SymbolicDimensions is { } symbols && axis < symbols.Length && symbols[axis].Length > 0 ? symbols[axis] : "?";

    // "[ErrorCode:InvalidProtobuf] Load model from PATH failed:" says nothing the message does not already say.
    [GeneratedRegex(@"^\[ErrorCode:\w+\]\s*(Load model from .* failed:)?")]
    private static partial Regex OrtPrefix();

    private static OnnxModelException NotAClassifier(string source, string problem) =>
        new($"{source} is not an image classifier: {problem}; use a model exported by clcgen export or ClcNetOnnx.Export");
}
