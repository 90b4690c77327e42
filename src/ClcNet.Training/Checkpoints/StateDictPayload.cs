using ClcNet.Data;
using static TorchSharp.torch;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// Checks the weights of a model file, TorchSharp's state-dict format, against the network they are to be loaded
/// into, before TorchSharp reads them: TorchSharp allocates whatever the payload's counts say (a rank of 2^31 is
/// an array of 2^31 longs) and finds a mismatch only afterwards. The format: a varint entry count, then per entry
/// its name (a .NET string) and the tensor (<see cref="PayloadReader.Tensor"/>).
/// </summary>
internal static class StateDictPayload
{
    /// <summary>The longest tensor name read; dotted module paths such as <c>stage4.block9.conv3x3.weight</c> are far shorter.</summary>
    private const int MaxNameBytes = 1024;

    /// <summary>
    /// How <paramref name="payload"/> does not fit <paramref name="stateDict"/> (one line, for a message), or null
    /// when every entry is a tensor of the network with its type and shape; entries in <paramref name="skip"/> may
    /// have any shape, as TorchSharp reads past them.
    /// </summary>
    public static string? Mismatch(byte[] payload, Dictionary<string, Tensor> stateDict, IReadOnlyList<string> skip)
    {
        var reader = new PayloadReader(payload);
        if (reader.Varint() is not { } entries)
        {
            return "its tensor count is garbled";
        }

        if (entries != stateDict.Count)
        {
            return $"it holds {entries} tensors but the network has {stateDict.Count}";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long entry = 0; entry < entries; entry++)
        {
            if (reader.String(MaxNameBytes) is not { } name)
            {
                return $"the name of tensor {entry} is garbled";
            }

            if (!stateDict.TryGetValue(name, out Tensor? tensor))
            {
                return $"it holds a tensor '{PrintableText.OneLine(name)}' that the network does not have";
            }

            if (!seen.Add(name))
            {
                return $"it holds tensor '{name}' twice";
            }

            if (reader.Tensor($"tensor '{name}'", tensor, anyShape: skip.Contains(name)) is { } problem)
            {
                return problem;
            }
        }
        return reader.Remaining == 0 ? null : $"it has {reader.Remaining} bytes after its last tensor";
    }
}
