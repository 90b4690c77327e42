using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace ClcNet.Data.Tests.Support;

/// <summary>Real small image files whose headers are edited to claim other dimensions, checksums kept valid.</summary>
internal static class CraftedImages
{
    /// <summary>A 4x3 PNG whose IHDR claims <paramref name="width"/> x <paramref name="height"/>, with the IHDR CRC recomputed.</summary>
    public static byte[] Png(uint width, uint height)
    {
        using SKBitmap bitmap = Images.RgbBitmap(4, 3);
        return WithPngSize(Images.Encode(bitmap, SKEncodedImageFormat.Png), width, height);
    }

    /// <summary>A copy of <paramref name="original"/> (a PNG) whose IHDR claims another size, its CRC recomputed.</summary>
    public static byte[] WithPngSize(byte[] original, uint width, uint height)
    {
        var png = (byte[])original.Clone();
        // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), 5 more fields, CRC over type and data.
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), PngCrc(png.AsSpan(12, 17)));
        return png;
    }

    /// <summary>A 4x3 baseline JPEG whose SOF0 segment claims <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] Jpeg(ushort width, ushort height)
    {
        using SKBitmap bitmap = Images.RgbBitmap(4, 3);
        return WithJpegSize(Images.Encode(bitmap, SKEncodedImageFormat.Jpeg, 90), width, height);
    }

    /// <summary>A copy of <paramref name="original"/> (a baseline JPEG) whose SOF0 segment claims another size.</summary>
    public static byte[] WithJpegSize(byte[] original, ushort width, ushort height)
    {
        var jpeg = (byte[])original.Clone();
        int sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);
        Assert.True(sof > 0, "no SOF0 marker");
        // Marker (2), length (2), precision (1), height (2), width (2).
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), width);
        return jpeg;
    }

    /// <summary>A binary PPM header claiming <paramref name="width"/> x <paramref name="height"/>, followed by a few samples.</summary>
    public static byte[] Ppm(long width, long height) => [.. Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n"), .. new byte[12]];

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320), bit by bit.</summary>
    private static uint PngCrc(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
