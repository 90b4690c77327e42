namespace ClcNet.Training.Checkpoints;

/// <summary>The save folder of a run cannot take its files: found before any training, so no epoch is lost.</summary>
public sealed class SaveFolderException(string directory, string problem, Exception? inner = null)
    : IOException(Describe(directory, problem, "save folder"), inner)
{
    /// <summary>The folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The message, with the run's save-folder setting called <paramref name="saveSetting"/> (e.g. <c>--save folder</c>).</summary>
    public string Describe(string saveSetting) => Describe(Directory, problem, saveSetting);

    private static string Describe(string directory, string problem, string saveSetting) =>
        $"{directory}: cannot save checkpoints there: {problem}; pass another {saveSetting}";
}
