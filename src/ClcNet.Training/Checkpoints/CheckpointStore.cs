using ClcNet.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// A save folder laid out as fb.resnet.torch lays it out: <c>model_&lt;epoch&gt;</c>,
/// <c>optimState_&lt;epoch&gt;</c>, <c>latest</c> and <c>model_best</c>. Each file is written atomically and
/// <c>latest</c> last, so a crash or kill mid-save leaves the previous checkpoint in force.
/// </summary>
public sealed class CheckpointStore(string directory)
{
    /// <summary>Name of the file that points at the last finished epoch.</summary>
    public const string LatestFileName = "latest";

    /// <summary>Name of the copy of the model with the lowest validation top-1 error.</summary>
    public const string BestModelFileName = "model_best";

    /// <summary>The save folder.</summary>
    public string Directory { get; } = directory;

    /// <summary>The model file of epoch <paramref name="epoch"/>.</summary>
    public string ModelPath(int epoch) => Path.Combine(Directory, $"model_{epoch}");

    /// <summary>The optimiser-state file of epoch <paramref name="epoch"/>.</summary>
    public string OptimizerPath(int epoch) => Path.Combine(Directory, $"optimState_{epoch}");

    /// <summary>The <c>latest</c> file.</summary>
    public string LatestPath => Path.Combine(Directory, LatestFileName);

    /// <summary>The <c>model_best</c> file.</summary>
    public string BestModelPath => Path.Combine(Directory, BestModelFileName);

    /// <summary>Saves epoch <paramref name="epoch"/>; copies its model to <c>model_best</c> when it is the best so far.</summary>
    public void Save(int epoch, nn.Module model, SGD optimizer, ModelMetadata metadata, TrainingOptions options, BestResult best)
    {
        ModelFile.Save(ModelPath(epoch), model, metadata);
        OptimizerStateFile.Save(OptimizerPath(epoch), optimizer, metadata.Spec);
        if (best.Epoch == epoch)
        {
            AtomicFile.Copy(ModelPath(epoch), BestModelPath);
        }
        var latest = new LatestCheckpoint(epoch, Path.GetFileName(ModelPath(epoch)), Path.GetFileName(OptimizerPath(epoch)),
            metadata.Spec, metadata.Classes, options, best);
        AtomicFile.WriteAllText(LatestPath, CheckpointJson.Format(latest));
    }

    /// <summary>The <c>latest</c> checkpoint of the folder, or null when the folder has none yet.</summary>
    /// <exception cref="CheckpointFolderNotFoundException">The folder does not exist.</exception>
    /// <exception cref="CheckpointException">Its <c>latest</c> is corrupt.</exception>
    public LatestCheckpoint? ReadLatest()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new CheckpointFolderNotFoundException(Directory);
        }
        if (!File.Exists(LatestPath))
        {
            return null;
        }
        LatestCheckpoint latest = CheckpointJson.Parse<LatestCheckpoint>(File.ReadAllText(LatestPath), LatestPath);
        if (latest.Epoch < 1)
        {
            throw new CheckpointException($"{LatestPath}: epoch {latest.Epoch} is not a finished epoch; use a file written by clcgen train");
        }
        RequireFileNameInFolder(latest.ModelFile, "modelFile");
        RequireFileNameInFolder(latest.OptimizerFile, "optimizerFile");
        new ModelMetadata(latest.Spec, latest.Classes).CheckedSpec(LatestPath);
        return latest;
    }

    /// <summary>
    /// <c>latest</c> names the files of its epoch by plain file name, never by a path, so that resuming reads only
    /// files of this folder whatever an edited <c>latest</c> says.
    /// </summary>
    private void RequireFileNameInFolder(string name, string field)
    {
        bool plain = name.Length > 0 && name is not ("." or "..") && Path.GetFileName(name) == name
            && name.IndexOfAny(['/', '\\']) < 0 && !name.Any(char.IsControl);
        if (!plain)
        {
            throw new CheckpointException($"{LatestPath}: {field} '{PrintableText.OneLine(name)}' is not the name of a file in {Directory}; " +
                "latest names its files without a folder; use a latest file written by clcgen train");
        }
    }

    /// <summary>Loads the weights that <paramref name="latest"/> points at into <paramref name="model"/>, built for <paramref name="spec"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing, corrupt, or made for another network.</exception>
    public void RestoreModel(LatestCheckpoint latest, nn.Module model, ClcNetSpec spec) =>
        ModelFile.LoadWeights(Path.Combine(Directory, latest.ModelFile), model, spec);

    /// <summary>
    /// Loads the momentum buffers that <paramref name="latest"/> points at into <paramref name="optimizer"/>,
    /// which must be built over the restored model's parameters on <paramref name="device"/>.
    /// </summary>
    /// <exception cref="CheckpointException">The file is missing, corrupt, or made for another network.</exception>
    public void RestoreOptimizer(LatestCheckpoint latest, SGD optimizer, ClcNetSpec spec, Device device) =>
        OptimizerStateFile.Load(Path.Combine(Directory, latest.OptimizerFile), optimizer, spec, device);
}
