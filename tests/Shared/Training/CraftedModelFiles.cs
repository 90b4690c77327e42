using System.Text;
using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Testing.Training;

/// <summary>
/// Model files with metadata of the test's choosing, as an editor who also fixes the checksums would make them,
/// and in checkpoint format 1 (no header checksum), as builds before format 2 wrote them.
/// </summary>
internal static class CraftedModelFiles
{
    private static readonly byte[] Magic = "ClcNet.NET checkpoint\n"u8.ToArray();

    /// <summary>The weights of <paramref name="model"/> (default: a fresh network of <paramref name="spec"/>), as a model file holds them.</summary>
    public static byte[] TinyPayload(ClcNetSpec spec, nn.Module<Tensor, Tensor>? model = null)
    {
        using nn.Module<Tensor, Tensor>? fresh = model is null ? ClcNetRegistry.Create(spec) : null;
        model ??= fresh!;
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            model.save(writer);
        }
        return payload.ToArray();
    }

    /// <summary>The metadata JSON of <paramref name="spec"/> with <paramref name="classes"/>.</summary>
    public static string Metadata(ClcNetSpec spec, IReadOnlyList<string> classes) => CheckpointJson.Format(new ModelMetadata(spec, classes));

    /// <summary>A current-format file whose checksums are all right, whatever <paramref name="metadataJson"/> says.</summary>
    public static void WriteSigned(string path, string metadataJson, byte[] payload, string kind = "model") =>
        CheckpointFile.Write(path, kind, metadataJson, writer => writer.Write(payload));

    /// <summary>A checkpoint-format-1 file: magic, version 1, kind, metadata, payload length and CRC-32C, payload.</summary>
    public static void WriteVersion1(string path, string metadataJson, byte[] payload, string kind = "model")
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(1);
        writer.Write(kind);
        writer.Write(metadataJson);
        writer.Write((long)payload.Length);
        writer.Write(System.IO.Hashing.Crc32.HashToUInt32(System.IO.Hashing.Crc32ParameterSet.Crc32C, payload));
        writer.Write(payload);
    }
}
