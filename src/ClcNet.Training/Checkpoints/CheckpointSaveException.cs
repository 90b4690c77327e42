namespace ClcNet.Training.Checkpoints;

/// <summary>
/// Writing an epoch's files failed during training (a full disk, a folder gone): the run stops, and the folder's
/// <c>latest</c> still names the last epoch that was saved whole.
/// </summary>
public sealed class CheckpointSaveException(int epoch, string directory, int? keptEpoch, Exception inner)
    : IOException(Describe(epoch, directory, keptEpoch, inner), inner)
{
    /// <summary>The epoch that could not be saved.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>The last epoch of the run whose checkpoint is whole; null when none was saved.</summary>
    public int? KeptEpoch { get; } = keptEpoch;

    private static string Describe(int epoch, string directory, int? keptEpoch, Exception inner) =>
        $"could not save epoch {epoch} to {directory}: {ClcNet.Data.PrintableText.OneLine(inner.Message)}; " +
        (keptEpoch is { } kept ? $"the checkpoint of epoch {kept} is intact" : "no earlier checkpoint");
}
