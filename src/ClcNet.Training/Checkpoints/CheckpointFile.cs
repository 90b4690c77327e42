using System.IO.Hashing;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// The container of model and optimiser-state files: a header (format name, version, kind, JSON metadata),
/// then the TorchSharp payload with its length and CRC-32C, so a truncated or damaged file is detected
/// before any of it reaches a network. Written atomically.
/// </summary>
internal static class CheckpointFile
{
    private static readonly byte[] Magic = "ClcNet.NET checkpoint\n"u8.ToArray();
    private const int FormatVersion = 1;

    /// <summary>Writes a file of kind <paramref name="kind"/> whose payload <paramref name="writePayload"/> produces.</summary>
    public static void Write(string path, string kind, string metadataJson, Action<BinaryWriter> writePayload)
    {
        using var payload = new MemoryStream();
        using (var payloadWriter = new BinaryWriter(payload, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writePayload(payloadWriter);
        }
        byte[] bytes = payload.ToArray();
        uint checksum = Checksum(bytes);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(kind);
            writer.Write(metadataJson);
            writer.Write((long)bytes.Length);
            writer.Write(checksum);
            writer.Write(bytes);
        });
    }

    /// <summary>Reads and checks a file of kind <paramref name="kind"/>: its metadata JSON and its payload.</summary>
    /// <exception cref="CheckpointException">The file is missing, of another kind, truncated or damaged.</exception>
    public static (string MetadataJson, byte[] Payload) Read(string path, string kind)
    {
        if (Directory.Exists(path))
        {
            throw new CheckpointException($"{path} is a folder, not a {kind} file; pass a file in it (clcgen train writes model_best and model_<epoch>)");
        }
        if (!File.Exists(path))
        {
            throw new CheckpointException($"{path}: no such {kind} file; check the path");
        }
        try
        {
            using FileStream stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw Corrupt(path, kind, "it is not a ClcNet.NET checkpoint");
            }
            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new CheckpointException($"{path}: checkpoint format version {version} is not supported (this build reads version {FormatVersion}); use a matching clcgen");
            }
            string fileKind = reader.ReadString();
            if (fileKind != kind)
            {
                throw new CheckpointException($"{path}: expected a file of kind '{kind}' but it holds '{fileKind}'; pass the {kind} file");
            }
            string metadata = reader.ReadString();
            long length = reader.ReadInt64();
            uint checksum = reader.ReadUInt32();
            if (length < 0 || length != stream.Length - stream.Position)
            {
                throw Corrupt(path, kind, $"it should hold {length} bytes of weights after its header but holds {stream.Length - stream.Position} (truncated?)");
            }
            byte[] payload = reader.ReadBytes((int)length);
            if (Checksum(payload) != checksum)
            {
                throw Corrupt(path, kind, "its checksum does not match (damaged)");
            }
            return (metadata, payload);
        }
        catch (EndOfStreamException e)
        {
            throw Corrupt(path, kind, "it ends inside its header (truncated)", e);
        }
        catch (FormatException e)
        {
            throw Corrupt(path, kind, "its header is garbled", e);
        }
        catch (IOException e)
        {
            throw new CheckpointException($"{path}: cannot read the {kind} file: {e.Message}", e);
        }
    }

    /// <summary>The CRC-32C (Castagnoli) of <paramref name="payload"/>, as stored after the header.</summary>
    private static uint Checksum(byte[] payload) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, payload);

    private static CheckpointException Corrupt(string path, string kind, string reason, Exception? inner = null) =>
        new($"{path} is not a usable {kind} file: {reason}; use a file written by clcgen train", inner);
}
