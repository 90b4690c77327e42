using ClcNet.Data.Transforms;
using SkiaSharp;

namespace ClcNet.Data.Decoding;

/// <summary>
/// Decodes an image file into RGB floats in [0, 1] by its content, whatever its extension says: JPEG, PNG,
/// BMP, GIF and WebP through SkiaSharp, PPM/PGM (which Skia cannot read) through <see cref="NetpbmDecoder"/>.
/// Grayscale is replicated to three channels and alpha is dropped, as PIL's <c>convert('RGB')</c>.
/// </summary>
public static class ImageDecoder
{
    /// <summary>File extensions (lower case, with dot) that the ImageNet layout picks up.</summary>
    public static readonly IReadOnlySet<string> Extensions =
        new HashSet<string>([".jpg", ".jpeg", ".png", ".ppm", ".bmp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The most pixels an image may have: Pillow's decompression-bomb limit (<c>Image.MAX_IMAGE_PIXELS</c>), about
    /// 9459x9459. Dimensions are read from the header first, so a file that claims more is an unreadable image
    /// (reported and skipped) before its pixels are allocated; decoded, it would need 16 bytes per pixel.
    /// </summary>
    public const int MaxPixels = 89_478_485;

    /// <summary>Reads and decodes <paramref name="path"/>.</summary>
    /// <exception cref="ImageLoadException">The file is missing, unreadable or not a decodable image.</exception>
    public static FloatImage DecodeRgb(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageLoadException(path, "no such file; check the path", e);
        }
        catch (UnauthorizedAccessException e) when (Directory.Exists(path))
        {
            // .NET reports reading a folder as "access denied", which would send the user after permissions.
            throw new ImageLoadException(path, "a folder, not an image file; pass the image files themselves", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageLoadException(path, e.Message, e);
        }
        return DecodeRgb(path, bytes);
    }

    /// <summary>Decodes the encoded image <paramref name="bytes"/>; <paramref name="path"/> only names it in errors.</summary>
    /// <exception cref="ImageLoadException">The bytes are not a decodable image.</exception>
    public static FloatImage DecodeRgb(string path, byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw new ImageLoadException(path, "the file is empty");
        }

        if (NetpbmDecoder.Recognises(bytes))
        {
            return NetpbmDecoder.Decode(path, bytes);
        }

        using var codec = SKCodec.Create(new MemoryStream(bytes, writable: false), out SKCodecResult probe);
        if (codec is null)
        {
            throw new ImageLoadException(path, $"not a decodable image (JPEG, PNG, BMP or PPM expected; Skia says {probe})");
        }

        RequireWithinPixelLimit(path, codec.Info.Width, codec.Info.Height);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        SKCodecResult result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ImageLoadException(path, result == SKCodecResult.IncompleteInput
                ? "the image data is truncated"
                : $"the image data is corrupt ({result})");
        }

        return ToPlanarRgb(bitmap.GetPixelSpan(), info.Width, info.Height);
    }

    /// <exception cref="ImageLoadException">The header claims more than <see cref="MaxPixels"/> pixels.</exception>
    internal static void RequireWithinPixelLimit(string path, long width, long height)
    {
        if (width * height > MaxPixels)
        {
            throw new ImageLoadException(path, $"the image is {width}x{height} pixels, more than the limit of {MaxPixels:N0}; downscale it");
        }
    }

    private static FloatImage ToPlanarRgb(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var image = new FloatImage(3, height, width);
        var plane = width * height;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                image.Data[c * plane + i] = rgba[4 * i + c] / 255f;
            }
        }

        return image;
    }
}
