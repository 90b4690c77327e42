using System.Text;
using ClcNet.Data.Decoding;
using ClcNet.Data.Tests.Support;
using ClcNet.Data.Transforms;
using ClcNet.Testing.Fuzzing;
using SkiaSharp;

namespace ClcNet.Data.Tests.Fuzzing;

/// <summary>
/// Seeded fuzzing of the image decoders: every damaged file decodes to a consistent RGB image within the pixel
/// limit or is an <see cref="ImageLoadException"/> with a one-line reason.
/// </summary>
public sealed class ImageDecoderFuzzTests
{
    private const int CasesPerFormat = 40;

    public static TheoryData<string, int> Formats => new()
    {
        { "png", 11 }, { "gray png", 12 }, { "jpeg", 13 }, { "webp", 14 }, { "ppm", 15 }, { "ascii pgm", 16 }, { "16-bit pgm", 17 },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void DamagedImagesDecodeConsistentlyOrAreRefused(string format, int seed)
    {
        var valid = Valid(format);
        var mutator = new ByteMutator(seed);
        var cases = new FuzzCases<ImageLoadException>(maxMessageLength: 300);
        for (var i = 0; i < CasesPerFormat; i++)
        {
            (byte[]? bytes, string? what) = mutator.Random.Next(3) == 0 && Resized(format, valid, mutator.Random) is { } resized
                ? resized
                : mutator.Mutate(valid, focus: 40);
            // A decoded image costs 16 bytes a pixel (4 in Skia's native bitmap, 12 as floats); failures cost the file's
            // bytes a few times over at most.
            var decodedPixels = 0L;
            cases.Run($"{format} case {i} ({what})", 8L * bytes.Length + (1 << 20) + 12 * Math.Min(ImageDecoder.MaxPixels, 4L << 20), () =>
            {
                FloatImage image = ImageDecoder.DecodeRgb($"{format}-{i}", bytes);
                decodedPixels = (long)image.Width * image.Height;
                Assert.Equal(3, image.Channels);
                Assert.Equal(3 * decodedPixels, image.Data.LongLength);
                Assert.InRange(decodedPixels, 1, ImageDecoder.MaxPixels);
                Assert.InRange(image.Data.Min(), 0f, 1f);
                Assert.InRange(image.Data.Max(), 0f, 1f);
            });
        }
        cases.AssertAllEndedWell();
    }

    /// <summary>Side lengths a header may claim: tiny, ordinary, at decoders' limits, and absurd.</summary>
    private static readonly uint[] Sides = [1, 2, 6, 255, 2048, 65500, 65535, 100_000, 1 << 24, int.MaxValue, uint.MaxValue];

    /// <summary>
    /// <paramref name="valid"/> with a header that claims another size and is otherwise intact (checksums fixed), or
    /// null for formats without such an edit. Sizes between 4 M pixels and the limit are left out: legal, but
    /// decoding them would cost hundreds of megabytes per case.
    /// </summary>
    private static (byte[] Bytes, string What)? Resized(string format, byte[] valid, Random random)
    {
        uint width, height;
        do
        {
            (width, height) = (Sides[random.Next(Sides.Length)], Sides[random.Next(Sides.Length)]);
        }
        while ((ulong)width * height is > 4 << 20 and <= ImageDecoder.MaxPixels);
        byte[]? bytes = format switch
        {
            "png" or "gray png" => CraftedImages.WithPngSize(valid, width, height),
            "jpeg" => CraftedImages.WithJpegSize(valid, (ushort)Math.Min(width, ushort.MaxValue), (ushort)Math.Min(height, ushort.MaxValue)),
            "ppm" => [.. Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n"), .. valid[^90..]],
            "ascii pgm" => [.. Encoding.ASCII.GetBytes($"P2 {width} {height} 15\n"), .. valid[10..]],
            "16-bit pgm" => [.. Encoding.ASCII.GetBytes($"P5 {width} {height} 65535\n"), .. valid[^60..]],
            _ => null,
        };
        return bytes is null ? null : (bytes, $"header claims {width}x{height}");
    }

    private static byte[] Valid(string format)
    {
        using SKBitmap rgb = Images.RgbBitmap(6, 5);
        using SKBitmap gray = Images.GrayBitmap(6, 5);
        return format switch
        {
            "png" => Images.Encode(rgb, SKEncodedImageFormat.Png),
            "gray png" => Images.Encode(gray, SKEncodedImageFormat.Png),
            "jpeg" => Images.Encode(rgb, SKEncodedImageFormat.Jpeg, 90),
            "webp" => Images.Encode(rgb, SKEncodedImageFormat.Webp, 90),
            "ppm" => [.. "P6\n# made by hand\n6 5\n255\n"u8, .. Enumerable.Range(0, 90).Select(i => (byte)(i * 3))],
            "ascii pgm" => Encoding.ASCII.GetBytes("P2 6 5 15\n" + string.Join(" ", Enumerable.Range(0, 30).Select(i => i % 16))),
            _ => [.. "P5 6 5 65535\n"u8, .. Enumerable.Range(0, 60).Select(i => (byte)(i * 11))],
        };
    }
}
