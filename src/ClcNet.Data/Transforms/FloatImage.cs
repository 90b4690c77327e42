namespace ClcNet.Data.Transforms;

/// <summary>An image as planar (CHW) floats, the form every transform reads and writes.</summary>
public sealed class FloatImage
{
    /// <summary>Wraps <paramref name="data"/> (CHW order), or allocates a zeroed image when it is null.</summary>
    public FloatImage(int channels, int height, int width, float[]? data = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        data ??= new float[channels * height * width];
        if (data.Length != channels * height * width)
        {
            throw new ArgumentException($"{data.Length} floats do not make a {channels}x{height}x{width} image.", nameof(data));
        }

        Channels = channels;
        Height = height;
        Width = width;
        Data = data;
    }

    /// <summary>Number of channels (1 gray, 3 RGB).</summary>
    public int Channels { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>The pixels, channel-major, then row-major.</summary>
    public float[] Data { get; }

    /// <summary>Pixels per channel.</summary>
    public int PlaneSize => Height * Width;

    /// <summary>One channel's pixels.</summary>
    public Span<float> Plane(int channel) => Data.AsSpan(channel * PlaneSize, PlaneSize);

    /// <summary>The pixel at channel <paramref name="c"/>, row <paramref name="y"/>, column <paramref name="x"/>.</summary>
    public float this[int c, int y, int x]
    {
        get => Data[(c * Height + y) * Width + x];
        set => Data[(c * Height + y) * Width + x] = value;
    }

    /// <summary>The <paramref name="width"/> x <paramref name="height"/> window whose top-left corner is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public FloatImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width <= 0 || height <= 0 || x + width > Width || y + height > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(x), $"Crop {width}x{height} at ({x}, {y}) does not fit a {Width}x{Height} image.");
        }

        var crop = new FloatImage(Channels, height, width);
        for (var c = 0; c < Channels; c++)
        {
            for (var row = 0; row < height; row++)
            {
                Data.AsSpan(((c * Height) + y + row) * Width + x, width).CopyTo(crop.Data.AsSpan(((c * height) + row) * width, width));
            }
        }

        return crop;
    }

    /// <summary>The image mirrored left to right.</summary>
    public FloatImage MirrorHorizontally()
    {
        var mirror = new FloatImage(Channels, Height, Width, (float[])Data.Clone());
        for (var row = 0; row < Channels * Height; row++)
        {
            mirror.Data.AsSpan(row * Width, Width).Reverse();
        }

        return mirror;
    }

    /// <summary>
    /// The one-channel luma <c>0.299 R + 0.587 G + 0.114 B</c> of an RGB image, the grayscale of the reference
    /// (docs/clcnet.md#data-pipeline).
    /// </summary>
    public FloatImage ToGrayscale()
    {
        if (Channels != 3)
        {
            throw new InvalidOperationException($"grayscale needs an RGB image, this one has {Channels} channels");
        }

        var gray = new FloatImage(1, Height, Width);
        Span<float> plane = gray.Plane(0);
        ReadOnlySpan<float> red = Plane(0), green = Plane(1), blue = Plane(2);
        for (var i = 0; i < plane.Length; i++)
        {
            plane[i] = 0.299f * red[i] + 0.587f * green[i] + 0.114f * blue[i];
        }

        return gray;
    }
}
