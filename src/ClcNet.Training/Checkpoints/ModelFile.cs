using ClcNet.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// A self-describing model file (<c>model_&lt;epoch&gt;</c>, <c>model_best</c>): the spec and class names,
/// then the network's parameters and BatchNorm buffers, so it can be evaluated or used to classify with no
/// other file and no command-line options.
/// </summary>
public static class ModelFile
{
    private const string Kind = "model";

    /// <summary>The parameters of the classifier, which <c>--reset-classifier</c> leaves freshly initialised.</summary>
    public static readonly IReadOnlyList<string> ClassifierParameters = ["head.fc.weight", "head.fc.bias"];

    /// <summary>Writes <paramref name="model"/> with <paramref name="metadata"/> to <paramref name="path"/>, atomically.</summary>
    public static void Save(string path, nn.Module model, ModelMetadata metadata) =>
        CheckpointFile.Write(path, Kind, CheckpointJson.Format(metadata), writer => model.save(writer));

    /// <summary>Reads only the metadata of a model file (and checks the whole file, metadata included).</summary>
    /// <exception cref="CheckpointException">The file is missing or corrupt, or its metadata is invalid.</exception>
    public static ModelMetadata ReadMetadata(string path) => Read(path).Metadata;

    /// <summary>Builds the network the file describes, loads its weights and moves it to <paramref name="device"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing or corrupt.</exception>
    public static (nn.Module<Tensor, Tensor> Model, ModelMetadata Metadata) Load(string path, Device device)
    {
        var (metadata, payload) = Read(path);
        nn.Module<Tensor, Tensor> model = NetworkFactory.Create(metadata.Spec.ToSpec());
        LoadPayload(path, model, payload, skip: []);
        model.to(device);
        return (model, metadata);
    }

    /// <summary>
    /// Loads the weights of <paramref name="path"/> into <paramref name="model"/>, built for
    /// <paramref name="expectedSpec"/>. With <paramref name="resetClassifier"/> the file may have another
    /// number of classes and the model's classifier keeps its fresh initialisation (fine-tuning).
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, corrupt, or made for another network.</exception>
    public static ModelMetadata LoadWeights(string path, nn.Module model, ClcNetSpec expectedSpec, bool resetClassifier = false)
    {
        var (metadata, payload) = Read(path);
        ClcNetSpec saved = metadata.Spec.ToSpec();
        ClcNetSpec comparable = resetClassifier ? NetworkFactory.WithClasses(saved, expectedSpec.Classes) : saved;
        if (comparable != expectedSpec)
        {
            string hint = saved.Classes != expectedSpec.Classes && NetworkFactory.WithClasses(saved, expectedSpec.Classes) == expectedSpec
                ? "fine-tune it with --reset-classifier --classes N"
                : "pass the network options it was trained with";
            throw new CheckpointException($"{path} holds {saved} but this run builds {expectedSpec}: {hint}");
        }
        LoadPayload(path, model, payload, resetClassifier ? ClassifierParameters : []);
        return metadata;
    }

    private static (ModelMetadata Metadata, byte[] Payload) Read(string path)
    {
        var (metadataJson, payload) = CheckpointFile.Read(path, Kind);
        ModelMetadata metadata = CheckpointJson.Parse<ModelMetadata>(metadataJson, path);
        metadata.CheckedSpec(path);
        return (metadata, payload);
    }

    private static void LoadPayload(string path, nn.Module model, byte[] payload, IReadOnlyList<string> skip)
    {
        if (StateDictPayload.Mismatch(payload, model.state_dict(), skip) is { } mismatch)
        {
            throw WeightsDoNotFit(path, mismatch);
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload));
            model.load(reader, strict: true, skip: skip.ToList());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            throw WeightsDoNotFit(path, PrintableText.OneLine(e.Message), e);
        }
    }

    private static CheckpointException WeightsDoNotFit(string path, string reason, Exception? inner = null) =>
        new($"{path}: its weights do not fit the network it describes ({reason}); use a file written by clcgen train", inner);
}
