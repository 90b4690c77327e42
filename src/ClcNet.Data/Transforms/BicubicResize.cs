namespace ClcNet.Data.Transforms;

/// <summary>
/// Bicubic resampling as Torch7's <c>image.scale(img, w, h, 'bicubic')</c>, which the original
/// training code calls: Catmull-Rom cubic (Keys a = -0.5), corner-aligned sampling (destination pixel
/// <c>i</c> reads source position <c>i * (src - 1) / (dst - 1)</c>, so first and last pixels map onto
/// each other), a missing outer neighbour extrapolated linearly (<c>2 p1 - p2</c>), rows resized before
/// columns, no antialiasing and no clamping. The cubic is evaluated as weights rather than Torch7's
/// polynomial, so results agree with it to float rounding. PIL and torchvision differ (half-pixel centres, antialias,
/// a = -0.75 for tensors), which is why this is not borrowed from TorchVision.NET.
/// </summary>
public static class BicubicResize
{
    /// <summary>Resizes <paramref name="source"/> to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static FloatImage Resize(FloatImage source, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        Tap[] columnTaps = Taps(source.Width, width);
        var rowsResized = new FloatImage(source.Channels, source.Height, width);
        for (var line = 0; line < source.Channels * source.Height; line++)
        {
            Span<float> input = source.Data.AsSpan(line * source.Width, source.Width);
            Span<float> output = rowsResized.Data.AsSpan(line * width, width);
            for (var x = 0; x < width; x++)
            {
                Tap tap = columnTaps[x];
                output[x] = tap.W0 * input[tap.I0] + tap.W1 * input[tap.I1] + tap.W2 * input[tap.I2] + tap.W3 * input[tap.I3];
            }
        }

        // Columns are resized a whole row at a time so that memory is read in order.
        Tap[] rowTaps = Taps(source.Height, height);
        var result = new FloatImage(source.Channels, height, width);
        for (var c = 0; c < source.Channels; c++)
        {
            Span<float> plane = rowsResized.Plane(c);
            for (var y = 0; y < height; y++)
            {
                Tap tap = rowTaps[y];
                Span<float> row0 = plane.Slice(tap.I0 * width, width);
                Span<float> row1 = plane.Slice(tap.I1 * width, width);
                Span<float> row2 = plane.Slice(tap.I2 * width, width);
                Span<float> row3 = plane.Slice(tap.I3 * width, width);
                Span<float> output = result.Data.AsSpan((c * height + y) * width, width);
                for (var x = 0; x < width; x++)
                {
                    output[x] = tap.W0 * row0[x] + tap.W1 * row1[x] + tap.W2 * row2[x] + tap.W3 * row3[x];
                }
            }
        }
        return result;
    }

    /// <summary>Four source indices and weights per target index along one axis.</summary>
    private readonly record struct Tap(int I0, int I1, int I2, int I3, float W0, float W1, float W2, float W3)
    {
        public static Tap Copy(int index) => new(index, index, index, index, 1, 0, 0, 0);
    }

    private static Tap[] Taps(int sourceLength, int targetLength)
    {
        var taps = new Tap[targetLength];
        if (sourceLength == targetLength || sourceLength == 1)
        {
            for (var i = 0; i < targetLength; i++)
            {
                taps[i] = Tap.Copy(sourceLength == 1 ? 0 : i);
            }

            return taps;
        }

        // Single precision on purpose: Torch7 computed the sampling position in float.
        var step = targetLength == 1 ? sourceLength - 1 : (float)(sourceLength - 1) / (targetLength - 1);
        for (var i = 0; i < targetLength - 1; i++)
        {
            var position = i * step;
            var index = (int)position;
            var t = position - index;
            // Catmull-Rom weights of p0..p3 for p1 + t (p2 - p1) interpolation.
            var w0 = 0.5f * t * (-1 + t * (2 - t));
            var w1 = 0.5f * (2 + t * t * (-5 + 3 * t));
            var w2 = 0.5f * t * (1 + t * (4 - 3 * t));
            var w3 = 0.5f * t * t * (t - 1);
            // A missing p0 is 2 p1 - p2 and a missing p3 is 2 p2 - p1: fold them into the weights of p1 and p2.
            if (index == 0)
            {
                (w0, w1, w2) = (0, w1 + 2 * w0, w2 - w0);
            }

            if (index + 2 >= sourceLength)
            {
                (w1, w2, w3) = (w1 - w3, w2 + 2 * w3, 0);
            }

            taps[i] = new Tap(Math.Max(index - 1, 0), index, index + 1, Math.Min(index + 2, sourceLength - 1), w0, w1, w2, w3);
        }
        taps[targetLength - 1] = Tap.Copy(sourceLength - 1);
        return taps;
    }
}
