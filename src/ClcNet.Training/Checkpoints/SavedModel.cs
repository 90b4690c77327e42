using ClcNet.Data;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// A model file read and checked (<see cref="ModelFile.Read"/>): its network, class names and weights, held in
/// memory so that a run can decide on the network from it and later load the weights without reading it again.
/// </summary>
public sealed class SavedModel
{
    private readonly byte[] payload;

    internal SavedModel(string path, ModelMetadata metadata, byte[] payload)
    {
        Path = path;
        Metadata = metadata;
        this.payload = payload;
        Spec = metadata.CheckedSpec(path);
    }

    /// <summary>The file it was read from.</summary>
    public string Path { get; }

    /// <summary>The network and class names the file describes.</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The network the weights belong to.</summary>
    public ClcNetSpec Spec { get; }

    /// <summary>
    /// Checks that the weights fit a network of <paramref name="expectedSpec"/>: the same network, or with
    /// <paramref name="resetClassifier"/> the same but for the number of classes (fine-tuning).
    /// </summary>
    /// <exception cref="ModelSpecMismatchException">They do not.</exception>
    public void RequireFits(ClcNetSpec expectedSpec, bool resetClassifier = false)
    {
        ClcNetSpec comparable = resetClassifier ? (Spec with { Classes = expectedSpec.Classes }) : Spec;
        if (comparable != expectedSpec)
        {
            throw new ModelSpecMismatchException(Path, Spec, expectedSpec);
        }
    }

    /// <summary>
    /// Loads the weights into <paramref name="model"/>, built for <paramref name="expectedSpec"/>. With
    /// <paramref name="resetClassifier"/> the file may have another number of classes and the model's classifier
    /// keeps its fresh initialisation (fine-tuning).
    /// </summary>
    /// <exception cref="CheckpointException">The weights are made for another network or do not fit it.</exception>
    public void LoadInto(nn.Module model, ClcNetSpec expectedSpec, bool resetClassifier = false)
    {
        RequireFits(expectedSpec, resetClassifier);
        IReadOnlyList<string> skip = resetClassifier ? ModelFile.ClassifierParameters : [];
        // Checked before TorchSharp reads them: a damaged count or rank would make it allocate without bound.
        if (StateDictPayload.Mismatch(payload, model.state_dict(), skip) is { } mismatch)
        {
            throw WeightsDoNotFit(mismatch);
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload));
            model.load(reader, strict: true, skip: [.. skip]);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            throw WeightsDoNotFit(PrintableText.OneLine(e.Message), e);
        }
    }

    private CheckpointException WeightsDoNotFit(string reason, Exception? inner = null) =>
        new($"{Path}: its weights do not fit the network it describes ({reason}); use a file written by clcgen train", inner);
}
