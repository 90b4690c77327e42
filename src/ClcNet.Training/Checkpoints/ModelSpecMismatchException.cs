namespace ClcNet.Training.Checkpoints;

/// <summary>A model file holds the weights of another network than the one being built.</summary>
public sealed class ModelSpecMismatchException(string path, ClcNetSpec saved, ClcNetSpec expected)
    : CheckpointException($"{path} holds {saved} but this run builds {expected}")
{
    /// <summary>The model file.</summary>
    public string Path { get; } = path;

    /// <summary>The network the file holds.</summary>
    public ClcNetSpec Saved { get; } = saved;

    /// <summary>The network being built.</summary>
    public ClcNetSpec Expected { get; } = expected;

    /// <summary>Only the classes differ, so the file can start a fine-tuning run with a fresh classifier.</summary>
    public bool CanFineTune => Saved.Classes != Expected.Classes && (Saved with { Classes = Expected.Classes }) == Expected;

    /// <inheritdoc/>
    public override string Message => Describe("fine-tune it with a fresh classifier", "build the network it was trained with");

    /// <summary>The message, ending in <paramref name="fineTune"/> or <paramref name="sameNetwork"/>: how the caller asks for either.</summary>
    public string Describe(string fineTune, string sameNetwork) => $"{base.Message}: {(CanFineTune ? fineTune : sameNetwork)}";
}
