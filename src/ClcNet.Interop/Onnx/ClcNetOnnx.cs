using System.Globalization;
using ClcNet.Training.Checkpoints;
using Google.Protobuf;
using Onnx;
using TorchSharp;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// Exports a trained clcNet to a standard ONNX model: input <c>input</c> <c>[batch, C, H, W]</c> (the normalised
/// images; the batch axis is dynamic), output <c>logits</c> <c>[batch, classes]</c>, and the spec, class names and
/// input normalisation in the model's <c>metadata_props</c> (<see cref="ClcNetOnnxMetadata"/>). The graph computes
/// the network in evaluation mode (BatchNorm with its running statistics) whatever mode the module is in, and the
/// module is not changed.
/// </summary>
public static class ClcNetOnnx
{
    /// <summary>What the exported models name as their producer.</summary>
    public const string ProducerName = "ClcNet.NET";

    /// <summary>
    /// Writes the ONNX model of <paramref name="module"/>, the network of <paramref name="spec"/> (built by
    /// <see cref="ClcNetModel.Create"/> or a <c>[ClcNet(...)]</c> class), to <paramref name="path"/>. The file is
    /// replaced atomically: a failed export leaves what was there.
    /// </summary>
    /// <exception cref="ArgumentException">The module is not the network of the spec, or an option does not fit it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The opset is not supported (<see cref="OnnxOpset"/>).</exception>
    public static void Export(torch.nn.Module module, ClcNetSpec spec, string path, OnnxExportOptions? options = null)
    {
        ModelProto model = ToModel(module, spec, options);
        AtomicFile.Write(path, model.WriteTo);
    }

    /// <summary>The ONNX model of <paramref name="module"/>, as <see cref="Export"/> writes it; <c>ToByteArray()</c> gives the bytes ONNX Runtime loads.</summary>
    /// <exception cref="ArgumentException">The module is not the network of the spec, or an option does not fit it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The opset is not supported (<see cref="OnnxOpset"/>).</exception>
    public static ModelProto ToModel(torch.nn.Module module, ClcNetSpec spec, OnnxExportOptions? options = null)
    {
        options ??= new OnnxExportOptions();
        OnnxOpset.Require(options.Opset);
        var layers = NetworkLayers.Of(module, spec);
        ClcNetOnnxMetadata metadata = MetadataFor(spec, options);
        using IDisposable noGrad = torch.no_grad();
        var model = new ModelProto
        {
            IrVersion = OnnxOpset.IrVersion(options.Opset),
            ProducerName = ProducerName,
            ProducerVersion = typeof(ClcNetOnnx).Assembly.GetName().Version?.ToString() ?? "",
            DocString = $"{spec}, exported by {ProducerName} in evaluation mode",
            Graph = ClcNetGraph.Build(layers, options),
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = options.Opset });
        metadata.WriteTo(model);
        return model;
    }

    private static ClcNetOnnxMetadata MetadataFor(ClcNetSpec spec, OnnxExportOptions options)
    {
        IReadOnlyList<string> classes = options.ClassNames
            ?? [.. Enumerable.Range(0, spec.Classes).Select(index => index.ToString(CultureInfo.InvariantCulture))];
        if (classes.Count != spec.Classes)
        {
            throw new ArgumentException($"{classes.Count} class names were given for the {spec.Classes} outputs of {spec}: give one name per class.", nameof(options));
        }
        InputNormalization? normalization = options.Normalization ?? InputNormalization.ForChannels(spec.InputChannels);
        if (normalization is not null && normalization.Channels != spec.InputChannels)
        {
            throw new ArgumentException($"the normalisation has {normalization.Channels} channels but {spec} takes {spec.InputChannels}: give one mean and std per input channel.", nameof(options));
        }
        return new ClcNetOnnxMetadata(spec, classes, normalization);
    }
}
