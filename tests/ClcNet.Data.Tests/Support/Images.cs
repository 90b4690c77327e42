using ClcNet.Data.Transforms;
using SkiaSharp;

namespace ClcNet.Data.Tests.Support;

/// <summary>Builds test images: float images with position-coded pixels, and real encoded files via SkiaSharp.</summary>
internal static class Images
{
    /// <summary>A one-channel image whose pixel (x, y) is <c>100 y + x</c>, so crops reveal their origin.</summary>
    public static FloatImage PositionCoded(int width, int height, int channels = 1)
    {
        var image = new FloatImage(channels, height, width);
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    image[c, y, x] = 1000 * c + 100 * y + x;
                }
            }
        }

        return image;
    }

    /// <summary>An RGB image filled with a gradient unique per pixel.</summary>
    public static SKBitmap RgbBitmap(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(40 * x), (byte)(50 * y), (byte)(200 - 10 * (x + y))));
            }
        }

        return bitmap;
    }

    /// <summary>A single-channel (Gray8) image.</summary>
    public static SKBitmap GrayBitmap(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        Span<byte> pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(17 * i);
        }

        return bitmap;
    }

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using SKData data = image.Encode(format, quality);
        return data.ToArray();
    }
}
