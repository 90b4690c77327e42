namespace ClcNet.Data.Transforms;

/// <summary>
/// Bicubic resampling exactly as Torch7's <c>image.scale(img, w, h, 'bicubic')</c>, which the original
/// training code calls: Catmull-Rom cubic (Keys a = -0.5), corner-aligned sampling (destination pixel
/// <c>i</c> reads source position <c>i * (src - 1) / (dst - 1)</c>, so first and last pixels map onto
/// each other), a missing outer neighbour extrapolated linearly (<c>2 p1 - p2</c>), rows resized before
/// columns, no antialiasing and no clamping. PIL and torchvision differ (half-pixel centres, antialias,
/// a = -0.75 for tensors), which is why this is not borrowed from TorchVision.NET.
/// </summary>
public static class BicubicResize
{
    /// <summary>Resizes <paramref name="source"/> to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static FloatImage Resize(FloatImage source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var rowsResized = new FloatImage(source.Channels, source.Height, width);
        for (var line = 0; line < source.Channels * source.Height; line++)
            ResampleLine(source.Data, line * source.Width, 1, source.Width, rowsResized.Data, line * width, 1, width);

        var result = new FloatImage(source.Channels, height, width);
        for (var c = 0; c < source.Channels; c++)
            for (var x = 0; x < width; x++)
                ResampleLine(rowsResized.Data, c * source.Height * width + x, width, source.Height,
                             result.Data, c * height * width + x, width, height);
        return result;
    }

    /// <summary>
    /// Catmull-Rom through <paramref name="p1"/> (t = 0) and <paramref name="p2"/> (t = 1), with tangents from
    /// <paramref name="p0"/> and <paramref name="p3"/>.
    /// </summary>
    internal static float CatmullRom(float p0, float p1, float p2, float p3, float t)
    {
        var a1 = p2 - p0;
        var a2 = 2 * p0 - 5 * p1 + 4 * p2 - p3;
        var a3 = 3 * (p1 - p2) + p3 - p0;
        return p1 + 0.5f * t * (a1 + t * (a2 + t * a3));
    }

    private static void ResampleLine(float[] source, int sourceStart, int sourceStride, int sourceLength,
                                     float[] target, int targetStart, int targetStride, int targetLength)
    {
        if (sourceLength == targetLength || sourceLength == 1)
        {
            for (var i = 0; i < targetLength; i++)
                target[targetStart + i * targetStride] = source[sourceStart + (sourceLength == 1 ? 0 : i * sourceStride)];
            return;
        }

        // Single precision on purpose: Torch7 computed the sampling position in float.
        var step = targetLength == 1 ? sourceLength - 1 : (float)(sourceLength - 1) / (targetLength - 1);
        for (var i = 0; i < targetLength - 1; i++)
        {
            var position = i * step;
            var index = (int)position;
            var fraction = position - index;
            var p1 = source[sourceStart + index * sourceStride];
            var p2 = source[sourceStart + (index + 1) * sourceStride];
            var p0 = index > 0 ? source[sourceStart + (index - 1) * sourceStride] : 2 * p1 - p2;
            var p3 = index + 2 < sourceLength ? source[sourceStart + (index + 2) * sourceStride] : 2 * p2 - p1;
            target[targetStart + i * targetStride] = CatmullRom(p0, p1, p2, p3, fraction);
        }
        target[targetStart + (targetLength - 1) * targetStride] = source[sourceStart + (sourceLength - 1) * sourceStride];
    }
}
