using ClcNet.Data;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// The optimiser state of a checkpoint (<c>optimState_&lt;epoch&gt;</c>): SGD's momentum buffers and
/// settings, tagged with the spec of the network whose parameters they follow.
/// </summary>
internal static class OptimizerStateFile
{
    private const string Kind = "optimiser state";

    private sealed record Metadata(ClcNetSpec Spec);

    /// <summary>Writes the state of <paramref name="optimizer"/> (over a network of <paramref name="spec"/>) atomically.</summary>
    public static void Save(string path, SGD optimizer, ClcNetSpec spec) =>
        CheckpointFile.Write(path, Kind, CheckpointJson.Format(new Metadata(spec)), optimizer.save_state_dict);

    /// <summary>Restores the state into <paramref name="optimizer"/>, built over a network of <paramref name="spec"/>.</summary>
    /// <exception cref="CheckpointException">The file is missing, corrupt, or made for another network.</exception>
    public static void Load(string path, SGD optimizer, ClcNetSpec spec, Device device)
    {
        (string? metadataJson, byte[]? payload) = CheckpointFile.Read(path, Kind);
        ClcNetSpec saved = CheckpointJson.Parse<Metadata>(metadataJson, path).Spec;
        if (saved != spec)
        {
            throw new CheckpointException($"{path} follows {saved} but this run builds {spec}: resume with the network options it was trained with");
        }
        if (OptimizerStatePayload.Mismatch(payload, optimizer) is { } mismatch)
        {
            throw new CheckpointException($"{path}: its optimiser state does not fit this network ({mismatch}); use a file written by clcgen train");
        }
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload));
            optimizer.load_state_dict(reader);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException)
        {
            throw new CheckpointException($"{path}: its optimiser state does not fit this network ({PrintableText.OneLine(e.Message)}); use a file written by clcgen train", e);
        }
        optimizer.to(device);
    }
}
