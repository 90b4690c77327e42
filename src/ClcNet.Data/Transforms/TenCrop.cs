namespace ClcNet.Data.Transforms;

/// <summary>
/// Ten-crop testing as fb.resnet.torch: for the image and then its mirror, the centre crop followed by the
/// top-left, top-right, bottom-left and bottom-right corners.
/// </summary>
public sealed class TenCrop(int size)
{
    /// <summary>Crops produced per image.</summary>
    public const int Count = 10;

    /// <summary>Side of each crop.</summary>
    public int Size { get; } = size;

    /// <summary>The ten crops in the order above.</summary>
    public IReadOnlyList<FloatImage> Apply(FloatImage image)
    {
        var crops = new List<FloatImage>(Count);
        int right = image.Width - Size, bottom = image.Height - Size;
        foreach (FloatImage? view in new[] { image, image.MirrorHorizontally() })
        {
            (int centreX, int centreY) = CenterCrop.Origin(view.Width, view.Height, Size);
            crops.Add(view.Crop(centreX, centreY, Size, Size));
            crops.Add(view.Crop(0, 0, Size, Size));
            crops.Add(view.Crop(right, 0, Size, Size));
            crops.Add(view.Crop(0, bottom, Size, Size));
            crops.Add(view.Crop(right, bottom, Size, Size));
        }
        return crops;
    }
}
