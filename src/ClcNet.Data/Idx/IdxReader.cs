using System.Buffers.Binary;
using System.IO.Compression;

namespace ClcNet.Data.Idx;

/// <summary>
/// Reads IDX files (the MNIST format: a magic number <c>00 00 type rank</c>, <c>rank</c> big-endian int32
/// sizes, then the data), raw or gzip-compressed (recognised by content). Every defect becomes a one-line
/// <see cref="DatasetException"/>: wrong magic, wrong element type or rank, zero or oversized dimensions,
/// truncated data, trailing bytes, broken gzip.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads an image file (rank 3: count, rows, columns).</summary>
    public static IdxImages ReadImages(string path)
    {
        (int[]? sizes, byte[]? data) = Read(path, rank: 3, "an image file");
        return new IdxImages(sizes[0], sizes[1], sizes[2], data);
    }

    /// <summary>Reads a label file (rank 1: count).</summary>
    public static byte[] ReadLabels(string path) => Read(path, rank: 1, "a label file").Data;

    private static (int[] Sizes, byte[] Data) Read(string path, int rank, string kind)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            using Stream stream = IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return Parse(path, stream, rank, kind);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: not a valid gzip file ({e.Message}); delete it and fetch it again.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not DatasetException)
        {
            throw new DatasetException($"{path}: cannot be read ({e.Message}).", e);
        }
    }

    private static bool IsGzip(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        var isGzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        return isGzip;
    }

    private static (int[] Sizes, byte[] Data) Parse(string path, Stream stream, int rank, string kind)
    {
        Span<byte> header = stackalloc byte[4];
        if (stream.ReadAtLeast(header, 4, throwOnEndOfStream: false) < 4)
        {
            throw Problem(path, "is too short to be an IDX file");
        }

        if (header[0] != 0 || header[1] != 0)
        {
            throw Problem(path, $"is not an IDX file (magic number {Convert.ToHexString(header)}, expected 0000{UnsignedByteType:X2}0{rank})");
        }

        if (header[2] != UnsignedByteType)
        {
            throw Problem(path, $"holds IDX element type 0x{header[2]:X2}; only unsigned bytes (0x08) are supported");
        }

        if (header[3] != rank)
        {
            throw Problem(path, $"has {header[3]} dimensions but {kind} has {rank}; are the images and labels files swapped?");
        }

        var sizes = new int[rank];
        Span<byte> size = stackalloc byte[4];
        long length = 1;
        for (var i = 0; i < rank; i++)
        {
            if (stream.ReadAtLeast(size, 4, throwOnEndOfStream: false) < 4)
            {
                throw Problem(path, "is truncated inside its header");
            }

            var value = BinaryPrimitives.ReadInt32BigEndian(size);
            if (value <= 0)
            {
                throw Problem(path, $"declares dimension {i} as {value}; every dimension must be positive");
            }

            sizes[i] = value;
            length *= value;
            if (length > Array.MaxLength)
            {
                throw Problem(path, $"declares sizes {string.Join(" x ", sizes[..(i + 1)])}, too large to load");
            }
        }

        var data = ReadDeclared(stream, length);
        if (data.Length < length)
        {
            throw Problem(path, $"is truncated: {string.Join(" x ", sizes)} needs {length} data bytes but only {data.Length} follow the header; fetch it again");
        }

        if (stream.ReadByte() >= 0)
        {
            throw Problem(path, $"has bytes after the {string.Join(" x ", sizes)} data it declares; it is not a valid IDX file");
        }

        return (sizes, data);
    }

    /// <summary>
    /// Up to <paramref name="length"/> bytes of <paramref name="stream"/>, allocated as they arrive: exactly when the
    /// stream knows its length (a raw file), else starting at 64 KiB and doubling (gzip), so that a header claiming
    /// gigabytes costs only what the file really holds.
    /// </summary>
    private static byte[] ReadDeclared(Stream stream, long length)
    {
        if (stream.CanSeek)
        {
            length = Math.Min(length, stream.Length - stream.Position);
        }

        var data = new byte[stream.CanSeek ? length : Math.Min(length, 1 << 16)];
        var filled = 0;
        while (true)
        {
            filled += stream.ReadAtLeast(data.AsSpan(filled), data.Length - filled, throwOnEndOfStream: false);
            if (filled < data.Length || filled == length)
            {
                return filled == data.Length ? data : data[..filled];
            }

            Array.Resize(ref data, (int)Math.Min(length, 2L * data.Length));
        }
    }

    private static DatasetException Problem(string path, string problem) => new($"{path} {problem}.");
}
