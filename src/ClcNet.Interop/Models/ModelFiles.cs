using System.Globalization;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.Torch7;
using ClcNet.Training.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Models;

/// <summary>
/// The one place that tells model files apart and opens them: ClcNet.NET model files, the original's Torch7
/// <c>.t7</c> files and exported ONNX models, for inference (<see cref="Open"/>), for their weights
/// (<see cref="OpenWeights"/>: conversion and export) and for training from them (<see cref="ReadForTraining"/>).
/// </summary>
public static class ModelFiles
{
    // torch.save writes a type tag first, little-endian: 3 for a table, 4 for a torch object (every nn module).
    private static readonly byte[][] Torch7Starts = [[3, 0, 0, 0], [4, 0, 0, 0]];

    /// <summary>
    /// The format of <paramref name="path"/>: a ClcNet.NET model file by its header, else an ONNX model or a Torch7
    /// file by its extension (<c>.onnx</c>, <c>.t7</c>) or, failing that, by how a Torch7 file starts; anything else
    /// (a missing file too) is taken for a model file, whose reader then says what is wrong with it.
    /// </summary>
    public static ModelFileFormat FormatOf(string path)
    {
        byte[] start = FirstBytes(path, CheckpointFile.Magic.Length);
        string extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return start.AsSpan().SequenceEqual(CheckpointFile.Magic) ? ModelFileFormat.ClcNet
            : extension == ".onnx" ? ModelFileFormat.Onnx
            : extension == ".t7" || Torch7Starts.Any(tag => start.AsSpan().StartsWith(tag)) ? ModelFileFormat.Torch7
            : ModelFileFormat.ClcNet;
    }

    /// <summary>Opens <paramref name="path"/>, of any format, to run it.</summary>
    /// <exception cref="CheckpointException">A model file that is missing, corrupt or describes no buildable network.</exception>
    /// <exception cref="Torch7Exception">A Torch7 file that cannot be read or holds no clcNet.</exception>
    /// <exception cref="OnnxModelException">An ONNX model that is damaged or not an image classifier.</exception>
    /// <exception cref="ModelFileException">A Torch7 file that cannot be read from disk, or an ONNX model not exported by ClcNet.NET (it does not say which network it is).</exception>
    /// <exception cref="ClassNamesException">The class-names file asked for does not fit.</exception>
    public static LoadedModel Open(string path, ModelOpenOptions? options = null)
    {
        options ??= new ModelOpenOptions();
        return FormatOf(path) == ModelFileFormat.Onnx ? OpenOnnx(path, options) : OpenWeights(path, options);
    }

    /// <summary>Opens <paramref name="path"/>, a model file or a Torch7 file, as a TorchSharp network holding its weights.</summary>
    /// <exception cref="ModelFileException">It is an ONNX model, whose weights are not a network to convert or export.</exception>
    /// <exception cref="CheckpointException">A model file that is missing, corrupt or describes no buildable network.</exception>
    /// <exception cref="Torch7Exception">A Torch7 file that cannot be read or holds no clcNet.</exception>
    /// <exception cref="ClassNamesException">The class-names file asked for does not fit.</exception>
    public static LoadedModel OpenWeights(string path, ModelOpenOptions? options = null)
    {
        options ??= new ModelOpenOptions();
        switch (FormatOf(path))
        {
            case ModelFileFormat.Torch7:
                using (Torch7Model original = LoadTorch7(path, options.Torch7InputSize))
                {
                    IReadOnlyList<string> names = ClassNames(original.Spec.Classes, original.ClassNames, options);
                    return Loaded(path, ModelFileFormat.Torch7, original.Spec, names, original.CreateNetwork(), options);
                }
            case ModelFileFormat.ClcNet:
                (nn.Module<Tensor, Tensor>? network, ModelMetadata? metadata) = ModelFile.Load(path, CPU);
                return Loaded(path, ModelFileFormat.ClcNet, metadata.Spec, ClassNames(metadata.Spec.Classes, metadata.Classes, options), network, options);
            default:
                throw OnnxHasNoNetwork(path, "holds a computation graph, not the weights of a network");
        }
    }

    /// <summary>
    /// Reads <paramref name="path"/>, a model file or a Torch7 file, as the weights a training run starts from; a Torch7
    /// file is run at <paramref name="inputSize"/> (the data's image side; it records none). The shape of
    /// <see cref="ClcNet.Training.TrainingPlan.Resolve"/>'s model reader.
    /// </summary>
    /// <exception cref="ModelFileException">It is an ONNX model, which holds no trainable network.</exception>
    /// <exception cref="CheckpointException">A model file that is missing, corrupt or describes no buildable network.</exception>
    /// <exception cref="Torch7Exception">A Torch7 file that cannot be read or holds no clcNet.</exception>
    public static SavedModel ReadForTraining(string path, int inputSize)
    {
        switch (FormatOf(path))
        {
            case ModelFileFormat.ClcNet:
                return ModelFile.Read(path);
            case ModelFileFormat.Torch7:
                using (LoadedModel original = OpenWeights(path, new ModelOpenOptions { Torch7InputSize = inputSize }))
                {
                    using var payload = new MemoryStream();
                    using (var writer = new BinaryWriter(payload))
                    {
                        original.Network.save(writer);
                    }
                    return new SavedModel(path, original.Metadata, payload.ToArray());
                }
            default:
                throw OnnxHasNoNetwork(path, "runs on ONNX Runtime but holds no trainable network");
        }
    }

    private static Torch7Model LoadTorch7(string path, int? inputSize)
    {
        try
        {
            return Torch7Model.Load(path, inputSize);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelFileException($"{path}: no such file; check the path");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelFileException($"{path}: cannot read it ({e.Message})");
        }
    }

    private static LoadedModel OpenOnnx(string path, ModelOpenOptions options)
    {
        var classifier = OnnxClassifier.Load(path);
        try
        {
            ClcNetOnnxMetadata metadata = classifier.Metadata ?? throw new ModelFileException(
                $"{path} is an ONNX model without ClcNet.NET's metadata ({ClcNetOnnxMetadata.SpecKey}), so it is not known to be a clcNet or how to feed it; export the model with clcgen export or ClcNetOnnx.Export");
            IReadOnlyList<string> names = ClassNames(metadata.Spec.Classes, metadata.ClassNames, options);
            return new LoadedModel(path, ModelFileFormat.Onnx, metadata.Spec, names, metadata.Normalization, new OnnxModule(classifier), classifier);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    private static LoadedModel Loaded(string path, ModelFileFormat format, ClcNetSpec spec, IReadOnlyList<string> names,
        nn.Module<Tensor, Tensor> network, ModelOpenOptions options)
    {
        network.to(options.Device);
        network.eval();
        return new LoadedModel(path, format, spec, names, InputNormalization.ForChannels(spec.InputChannels), network);
    }

    /// <summary>The names of the class-names file asked for, else <paramref name="carried"/>, else the class indices.</summary>
    private static IReadOnlyList<string> ClassNames(int classes, IReadOnlyList<string>? carried, ModelOpenOptions options) =>
        options.ClassNamesFile is { } file ? ClassNamesFile.Read(file, classes)
            : carried ?? [.. Enumerable.Range(0, classes).Select(index => index.ToString(CultureInfo.InvariantCulture))];

    private static ModelFileException OnnxHasNoNetwork(string path, string what) =>
        new($"{path} is an ONNX model: it {what}; use the model file or Torch7 file it was exported from");

    private static byte[] FirstBytes(string path, int count)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            var start = new byte[count];
            return start[..stream.ReadAtLeast(start, count, throwOnEndOfStream: false)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
