namespace ClcNet.Training.Checkpoints;

/// <summary>The folder of a run to resume does not exist.</summary>
public sealed class CheckpointFolderNotFoundException(string directory) : CheckpointException(Describe(directory, "save folder"))
{
    /// <summary>The folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The message, with the run's save-folder setting called <paramref name="saveSetting"/> (e.g. <c>--save folder</c>).</summary>
    public string Describe(string saveSetting) => Describe(Directory, saveSetting);

    private static string Describe(string directory, string saveSetting) =>
        $"{directory}: no such checkpoint folder; pass the {saveSetting} of the run to resume";
}
