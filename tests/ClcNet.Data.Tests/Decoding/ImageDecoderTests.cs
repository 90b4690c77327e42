using System.Buffers.Binary;
using System.Text;
using ClcNet.Data.Decoding;
using ClcNet.Data.Tests.Support;
using ClcNet.Data.Transforms;
using SkiaSharp;

namespace ClcNet.Data.Tests.Decoding;

public sealed class ImageDecoderTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static float[] ExpectedRgb(SKBitmap bitmap)
    {
        var plane = bitmap.Width * bitmap.Height;
        var expected = new float[3 * plane];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                SKColor colour = bitmap.GetPixel(x, y);
                var i = y * bitmap.Width + x;
                (expected[i], expected[plane + i], expected[2 * plane + i]) = (colour.Red / 255f, colour.Green / 255f, colour.Blue / 255f);
            }
        }

        return expected;
    }

    [Fact]
    public void A_png_decodes_to_planar_rgb_in_the_unit_range()
    {
        using SKBitmap bitmap = Images.RgbBitmap(4, 3);
        var path = folder.Write("a.png", Images.Encode(bitmap, SKEncodedImageFormat.Png));

        FloatImage image = ImageDecoder.DecodeRgb(path);

        Assert.Equal((3, 3, 4), (image.Channels, image.Height, image.Width));
        Assert.Equal(ExpectedRgb(bitmap), image.Data);
    }

    [Fact]
    public void A_grayscale_png_is_replicated_to_three_equal_channels()
    {
        using SKBitmap bitmap = Images.GrayBitmap(5, 2);
        var path = folder.Write("gray.png", Images.Encode(bitmap, SKEncodedImageFormat.Png));

        FloatImage image = ImageDecoder.DecodeRgb(path);

        var gray = Enumerable.Range(0, 10).Select(i => 17 * i / 255f).ToArray();
        Assert.Equal([.. gray, .. gray, .. gray], image.Data);
    }

    [Fact]
    public void A_file_is_decoded_by_its_content_whatever_its_extension()
    {
        using SKBitmap bitmap = Images.RgbBitmap(3, 3);
        var path = folder.Write("really-a-png.jpg", Images.Encode(bitmap, SKEncodedImageFormat.Png));

        Assert.Equal(ExpectedRgb(bitmap), ImageDecoder.DecodeRgb(path).Data);
    }

    [Fact]
    public void A_jpeg_decodes_close_to_its_source()
    {
        using var bitmap = new SKBitmap(8, 8);
        bitmap.Erase(new SKColor(200, 100, 50));
        var path = folder.Write("flat.jpeg", Images.Encode(bitmap, SKEncodedImageFormat.Jpeg, quality: 95));

        FloatImage image = ImageDecoder.DecodeRgb(path);

        Assert.All(image.Plane(0).ToArray(), v => Assert.Equal(200 / 255f, v, 3 / 255f));
        Assert.All(image.Plane(1).ToArray(), v => Assert.Equal(100 / 255f, v, 3 / 255f));
        Assert.All(image.Plane(2).ToArray(), v => Assert.Equal(50 / 255f, v, 3 / 255f));
    }

    [Fact]
    public void A_24_bit_bmp_decodes_exactly()
    {
        // Two pixels, (255, 0, 0) and (0, 128, 255), one bottom-up BGR row padded to 8 bytes.
        var bmp = new byte[62];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), 8);
        new byte[] { 0, 0, 255, 255, 128, 0 }.CopyTo(bmp, 54);

        FloatImage image = ImageDecoder.DecodeRgb(folder.Write("two.BMP", bmp));

        Assert.Equal([1, 0, 0, 128 / 255f, 0, 1], image.Data);
    }

    [Fact]
    public void Binary_and_ascii_ppm_decode_exactly()
    {
        byte[] binary = [.. "P6\n# made by hand\n2 1\n255\n"u8, 255, 0, 0, 0, 51, 255];
        var ascii = Encoding.ASCII.GetBytes("P3 2 1 255  255 0 0   0 51 255\n");

        Assert.Equal([1, 0, 0, 0.2f, 0, 1], ImageDecoder.DecodeRgb(folder.Write("b.ppm", binary)).Data);
        Assert.Equal([1, 0, 0, 0.2f, 0, 1], ImageDecoder.DecodeRgb(folder.Write("a.PPM", ascii)).Data);
    }

    [Fact]
    public void Sixteen_bit_gray_pgm_is_scaled_by_its_maximum_and_replicated()
    {
        byte[] pgm = [.. "P5 2 1 1000\n"u8, 0x01, 0xF4, 0x03, 0xE8];

        Assert.Equal([0.5f, 1, 0.5f, 1, 0.5f, 1], ImageDecoder.DecodeRgb(folder.Write("g.ppm", pgm)).Data);
    }

    public static TheoryData<string, byte[], string> BrokenFiles => new()
    {
        { "empty.png", [], "the file is empty" },
        { "noise.jpg", [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 37))], "not a decodable image" },
        { "cut.png", Images.Encode(Images.RgbBitmap(16, 16), SKEncodedImageFormat.Png)[..60], "truncated" },
        { "cut.ppm", [.. "P6 4 4 255\n"u8, 1, 2, 3], "PPM data is truncated: 48 bytes expected, 3 found" },
        { "bad.ppm", "P3 2 x 255"u8.ToArray(), "PPM height is not a number" },
        { "short.ppm", "P3 1 1 255 7 8"u8.ToArray(), "PPM file ends before its sample" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_file_raises_an_image_load_error_with_its_path_and_reason(string name, byte[] bytes, string reason)
    {
        var path = folder.Write(name, bytes);

        ImageLoadException error = Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(path));

        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_missing_file_raises_an_image_load_error()
    {
        var path = Path.Combine(folder.Path, "gone.png");

        ImageLoadException error = Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(path));

        Assert.Equal((path, "no such file; check the path"), (error.Path, error.Reason));
    }

    [Fact]
    public void A_folder_is_named_as_a_folder_not_as_a_permission_problem()
    {
        ImageLoadException error = Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(folder.Path));

        Assert.Equal((folder.Path, "a folder, not an image file; pass the image files themselves"), (error.Path, error.Reason));
    }
}
