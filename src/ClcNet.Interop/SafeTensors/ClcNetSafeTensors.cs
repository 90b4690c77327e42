using ClcNet.Training.Checkpoints;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace ClcNet.Interop.SafeTensors;

/// <summary>
/// A clcNet's weights as a <c>.safetensors</c> file (TorchSharp.PyBridge writes the format): the module's
/// state_dict, parameters and BatchNorm buffers, under PyTorch's names (<c>stem.conv.weight</c>,
/// <c>stage1.block0.bn1.running_var</c>, <c>head.fc.bias</c>) and in PyTorch's layouts (convolutions
/// <c>[out, in / groups, k, k]</c>, the linear layer <c>[out, in]</c>), so that
/// <c>model.load_state_dict(safetensors.torch.load_file(path))</c> loads them into the PyTorch definition of the network.
/// </summary>
public static class ClcNetSafeTensors
{
    /// <summary>
    /// Writes the weights of <paramref name="module"/>, the network of <paramref name="spec"/>, to
    /// <paramref name="path"/>, atomically: a failed save leaves what was there.
    /// </summary>
    /// <exception cref="ArgumentException">The module is not the network of the spec.</exception>
    public static void Save(nn.Module module, ClcNetSpec spec, string path)
    {
        NetworkLayers.Of(module, spec);
        using DisposeScope scope = NewDisposeScope();
        var weights = module.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().cpu().contiguous());
        AtomicFile.Write(path, stream => Safetensors.SaveStateDict(stream, weights, leaveOpen: true));
    }

    /// <summary>Loads the weights in <paramref name="path"/> into <paramref name="module"/>, the network of <paramref name="spec"/>; every entry must be there.</summary>
    /// <exception cref="ArgumentException">The module is not the network of the spec.</exception>
    /// <exception cref="CheckpointException">The file is missing, not a safetensors file, or holds weights of another network.</exception>
    public static void Load(nn.Module module, ClcNetSpec spec, string path)
    {
        NetworkLayers.Of(module, spec);
        if (!File.Exists(path))
        {
            throw new CheckpointException($"{path}: no such file; write one with clcgen export --format safetensors or ClcNetSafeTensors.Save");
        }
        try
        {
            module.load_safetensors(path, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            throw new CheckpointException($"{path} does not hold the weights of {spec} ({e.Message}); use a file saved for this network", e);
        }
    }
}
