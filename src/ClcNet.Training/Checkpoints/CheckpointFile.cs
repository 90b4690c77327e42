using System.IO.Hashing;
using System.Text;
using ClcNet.Data;

namespace ClcNet.Training.Checkpoints;

/// <summary>
/// The container of model and optimiser-state files: a header (format name, version, kind, JSON metadata, the
/// payload's length and CRC-32C, then the CRC-32C of the header itself), then the TorchSharp payload, so a
/// truncated, damaged or edited file is detected before any of it reaches a network. Written atomically.
/// </summary>
/// <remarks>
/// Format 1, written before the header had a checksum, has the same layout without the header CRC. It is still
/// read, since its weights are checked all the same; its metadata is unprotected, so readers check the metadata of
/// every file like user input (<see cref="ModelMetadata.CheckedSpec"/>), whatever the format.
/// </remarks>
internal static class CheckpointFile
{
    /// <summary>The bytes every checkpoint file starts with, by which a file is recognised as one.</summary>
    internal static readonly byte[] Magic = "ClcNet.NET checkpoint\n"u8.ToArray();
    private const int FormatVersion = 2;
    private const int FirstHeaderChecksumVersion = 2;
    private const int OldestReadableVersion = 1;

    /// <summary>The longest kind field read: kinds are short names, anything longer is damage.</summary>
    private const int MaxKindBytes = 64;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes a file of kind <paramref name="kind"/> whose payload <paramref name="writePayload"/> produces.</summary>
    public static void Write(string path, string kind, string metadataJson, Action<BinaryWriter> writePayload)
    {
        using var payload = new MemoryStream();
        using (var payloadWriter = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writePayload(payloadWriter);
        }
        using var header = new MemoryStream();
        using (var headerWriter = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            headerWriter.Write(Magic);
            headerWriter.Write(FormatVersion);
            headerWriter.Write(kind);
            headerWriter.Write(metadataJson);
            headerWriter.Write(payload.Length);
            headerWriter.Write(Checksum(payload.GetBuffer().AsSpan(0, (int)payload.Length)));
        }
        uint headerChecksum = Checksum(header.GetBuffer().AsSpan(0, (int)header.Length));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(header.GetBuffer(), 0, (int)header.Length);
            writer.Write(headerChecksum);
            writer.Write(payload.GetBuffer(), 0, (int)payload.Length);
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
            using var reader = new BinaryReader(stream, StrictUtf8);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw Corrupt(path, kind, "it is not a ClcNet.NET checkpoint");
            }
            int version = reader.ReadInt32();
            if (version < OldestReadableVersion || version > FormatVersion)
            {
                throw new CheckpointException($"{path}: checkpoint format version {version} is not supported (this build reads versions {OldestReadableVersion} to {FormatVersion}); use a matching clcgen");
            }
            string fileKind = ReadString(reader, path, kind, "kind", MaxKindBytes);
            string metadata = ReadString(reader, path, kind, "metadata", int.MaxValue);
            long length = reader.ReadInt64();
            uint checksum = reader.ReadUInt32();
            if (version >= FirstHeaderChecksumVersion)
            {
                long headerLength = stream.Position;
                uint headerChecksum = reader.ReadUInt32();
                if (HeaderChecksum(stream, headerLength) != headerChecksum)
                {
                    throw Corrupt(path, kind, "its header checksum does not match (damaged or edited)");
                }
            }
            if (fileKind != kind)
            {
                throw new CheckpointException($"{path}: expected a file of kind '{kind}' but it holds '{PrintableText.OneLine(fileKind)}'; pass the {kind} file");
            }
            long remaining = stream.Length - stream.Position;
            if (length < 0 || length != remaining || length > Array.MaxLength)
            {
                throw Corrupt(path, kind, $"it should hold {length} bytes of weights after its header but holds {remaining} (truncated?)");
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
            throw new CheckpointException($"{path}: cannot read the {kind} file: {PrintableText.OneLine(e.Message)}", e);
        }
    }

    /// <summary>The CRC-32C (Castagnoli) of <paramref name="payload"/>, as stored in the header.</summary>
    private static uint Checksum(ReadOnlySpan<byte> payload) => Crc32.HashToUInt32(Crc32ParameterSet.Crc32C, payload);

    /// <summary>
    /// A length-prefixed UTF-8 string, as <see cref="BinaryWriter.Write(string)"/> writes it; its length is checked
    /// against <paramref name="maxBytes"/> and the rest of the file before anything is allocated for it.
    /// </summary>
    private static string ReadString(BinaryReader reader, string path, string kind, string field, int maxBytes)
    {
        int length = reader.Read7BitEncodedInt();
        long remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        if (length < 0 || length > maxBytes || length > remaining)
        {
            throw Corrupt(path, kind, $"its {field} field claims {length} bytes, more than {(length > maxBytes ? $"the {maxBytes} a {field} may have" : $"the {remaining} left in the file")} (damaged or truncated)");
        }
        byte[] bytes = reader.ReadBytes(length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw Corrupt(path, kind, $"its {field} field is not UTF-8 text (damaged)", e);
        }
    }

    /// <summary>The CRC-32C of the first <paramref name="headerLength"/> bytes of the file; leaves the stream where it was.</summary>
    private static uint HeaderChecksum(Stream stream, long headerLength)
    {
        long position = stream.Position;
        var header = new byte[headerLength];
        stream.Position = 0;
        stream.ReadExactly(header);
        stream.Position = position;
        return Checksum(header);
    }

    private static CheckpointException Corrupt(string path, string kind, string reason, Exception? inner = null) =>
        new($"{path} is not a usable {kind} file: {reason}; use a file written by clcgen train", inner);
}
