using ClcNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// A self-describing model file (<c>model_&lt;epoch&gt;</c>, <c>model_best</c>): the spec and class names,
/// then the network's parameters and BatchNorm buffers, so it can be evaluated or used to classify with no
/// other file and no other settings.
/// </summary>
public static class ModelFile
{
    private const string Kind = "model";

    /// <summary>The parameters of the classifier, which a fine-tuning run leaves freshly initialised.</summary>
    public static readonly IReadOnlyList<string> ClassifierParameters = ["head.fc.weight", "head.fc.bias"];

    /// <summary>Writes <paramref name="model"/> with <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, nn.Module model, ModelMetadata metadata) =>
        CheckpointFile.Write(path, Kind, CheckpointJson.Format(metadata), writer => model.save(writer));

    /// <summary>Reads and checks the whole file once; its weights can then be loaded with no further reading.</summary>
    /// <exception cref="CheckpointException">The file is missing or corrupt, or describes a network that cannot be built.</exception>
    public static SavedModel Read(string path)
    {
        (string? metadataJson, byte[]? payload) = CheckpointFile.Read(path, Kind);
        return new SavedModel(path, CheckpointJson.Parse<ModelMetadata>(metadataJson, path), payload);
    }

    /// <summary>Builds the network the file describes, loads its weights and moves it to <paramref name="device"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing or corrupt.</exception>
    public static (nn.Module<Tensor, Tensor> Model, ModelMetadata Metadata) Load(string path, Device device)
    {
        SavedModel saved = Read(path);
        nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(saved.Spec);
        saved.LoadInto(model, saved.Spec);
        model.to(device);
        return (model, saved.Metadata);
    }

    /// <summary>
    /// Loads the weights of <paramref name="path"/> into <paramref name="model"/>, built for
    /// <paramref name="expectedSpec"/>; see <see cref="SavedModel.LoadInto"/>.
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, corrupt, or made for another network.</exception>
    public static void LoadWeights(string path, nn.Module model, ClcNetSpec expectedSpec, bool resetClassifier = false) =>
        Read(path).LoadInto(model, expectedSpec, resetClassifier);
}
