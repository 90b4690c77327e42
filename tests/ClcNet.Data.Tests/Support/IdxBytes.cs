using System.Buffers.Binary;
using System.IO.Compression;

namespace ClcNet.Data.Tests.Support;

/// <summary>Writes IDX bytes by hand, so reader tests control every header field.</summary>
internal static class IdxBytes
{
    public static byte[] File(byte type, int[] sizes, byte[] data)
    {
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        bytes[2] = type;
        bytes[3] = (byte)sizes.Length;
        for (var i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), sizes[i]);
        }

        data.CopyTo(bytes, 4 + 4 * sizes.Length);
        return bytes;
    }

    public static byte[] Images(int count, int rows, int columns, Func<int, byte>? pixel = null) =>
        File(0x08, [count, rows, columns], [.. Enumerable.Range(0, count * rows * columns).Select(pixel ?? (i => (byte)i))]);

    public static byte[] Labels(params byte[] labels) => File(0x08, [labels.Length], labels);

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(string path)
    {
        using var input = new GZipStream(System.IO.File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
