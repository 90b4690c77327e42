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

    /// <summary>
    /// The most <c>latest</c> may hold: far more than any real one (ImageNet's 1000 class names take about 30 KB), so a
    /// hostile file (or a link to an endless device) is refused before it is read into memory.
    /// </summary>
    public const int MaxLatestBytes = 64 << 20;

    /// <summary>
    /// Readies the folder for a run's saves, before any training: creates it, proves that files can be written there,
    /// deletes the temporary files that a run killed mid-save left behind, and checks that no folder stands where
    /// <c>latest</c>, <c>model_best</c> or one of <paramref name="otherFiles"/> (names of the run's other files there)
    /// is to be written.
    /// </summary>
    /// <exception cref="SaveFolderException">The folder is a file, cannot be created or written to, or holds a folder in the place of a file.</exception>
    public void Prepare(params IEnumerable<string> otherFiles)
    {
        if (File.Exists(Directory))
        {
            throw new SaveFolderException(Directory, "it is a file, not a folder");
        }
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            AtomicFile.ProbeWritable(Directory);
            AtomicFile.RemoveStaleTemporaries(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SaveFolderException(Directory, $"it is not writable ({PrintableText.OneLine(e.Message)})", e);
        }
        foreach (string name in otherFiles.Prepend(BestModelFileName).Prepend(LatestFileName))
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, name)))
            {
                throw new SaveFolderException(Directory, $"its {name} is a folder, where the run writes a file; move it away");
            }
        }
    }

    /// <summary>
    /// Saves the model and optimiser state of epoch <paramref name="epoch"/>, and copies its model to <c>model_best</c>
    /// when it is the best so far. Nothing names them yet: <see cref="WriteLatest"/> does, once the epoch is complete.
    /// </summary>
    public void SaveEpoch(int epoch, nn.Module model, SGD optimizer, ModelMetadata metadata, BestResult best)
    {
        ModelFile.Save(ModelPath(epoch), model, metadata);
        OptimizerStateFile.Save(OptimizerPath(epoch), optimizer, metadata.Spec);
        if (best.Epoch == epoch)
        {
            AtomicFile.Copy(ModelPath(epoch), BestModelPath);
        }
    }

    /// <summary>
    /// Points <c>latest</c> at epoch <paramref name="epoch"/> (saved by <see cref="SaveEpoch"/>): the last write of an
    /// epoch, so a kill at any earlier moment leaves the previous epoch in force.
    /// </summary>
    public void WriteLatest(int epoch, ModelMetadata metadata, TrainingOptions options, BestResult best)
    {
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
        if (System.IO.Directory.Exists(LatestPath))
        {
            throw new CheckpointException($"{LatestPath} is a folder, not a checkpoint file; move it away");
        }
        if (!File.Exists(LatestPath))
        {
            return null;
        }
        LatestCheckpoint latest = CheckpointJson.Parse<LatestCheckpoint>(ReadLatestText(), LatestPath);
        if (latest.Epoch < 1)
        {
            throw new CheckpointException($"{LatestPath}: epoch {latest.Epoch} is not a finished epoch; use a file written by clcgen train");
        }
        if (latest.Options.FirstProblem() is { } problem)
        {
            throw new CheckpointException($"{LatestPath}: its options hold {problem}; use a latest file written by clcgen train");
        }
        RequireFileNameInFolder(latest.ModelFile, "modelFile");
        RequireFileNameInFolder(latest.OptimizerFile, "optimizerFile");
        new ModelMetadata(latest.Spec, latest.Classes).CheckedSpec(LatestPath);
        return latest;
    }

    /// <summary>The text of <c>latest</c>, read up to <see cref="MaxLatestBytes"/>.</summary>
    private string ReadLatestText()
    {
        try
        {
            using FileStream stream = File.OpenRead(LatestPath);
            var bytes = new MemoryStream();
            var buffer = new byte[81920];
            for (int read; (read = stream.Read(buffer)) > 0;)
            {
                if (bytes.Length + read > MaxLatestBytes)
                {
                    throw new CheckpointException($"{LatestPath} holds more than {MaxLatestBytes >> 20} MiB, far more than a checkpoint needs; use a latest file written by clcgen train");
                }
                bytes.Write(buffer, 0, read);
            }
            // As File.ReadAllText did: a byte-order mark an editor added is no part of the JSON.
            return System.Text.Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{LatestPath}: cannot read it: {PrintableText.OneLine(e.Message)}", e);
        }
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
