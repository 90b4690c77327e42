namespace ClcNet.Data.Transforms;

/// <summary>The reference ImageNet transforms (fb.resnet.torch, as clcNet trained).</summary>
public static class ImageNetTransforms
{
    /// <summary>Side of the network input.</summary>
    public const int CropSize = 224;

    /// <summary>Shorter side after validation scaling.</summary>
    public const int ScaleSize = 256;

    /// <summary>Jitter variation for brightness, contrast and saturation.</summary>
    public const double JitterVariation = 0.4;

    /// <summary>Per-channel RGB mean.</summary>
    public static readonly IReadOnlyList<float> Mean = [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel RGB standard deviation.</summary>
    public static readonly IReadOnlyList<float> Std = [0.229f, 0.224f, 0.225f];

    /// <summary>RandomSizedCrop, ColorJitter, Lighting, normalise, horizontal flip.</summary>
    public static SampleTransform Train() => new(3, CropSize,
    [
        new RandomSizedCrop(CropSize),
        new ColorJitter(JitterVariation, JitterVariation, JitterVariation),
        Lighting.ImageNet(),
        new Normalize(Mean, Std),
        new HorizontalFlip(),
    ]);

    /// <summary>
    /// Scale to 256 (bicubic), normalise, then the centre crop or, with <paramref name="tenCrop"/>, ten crops of
    /// 224. For another <paramref name="cropSize"/> the scale keeps the reference ratio 256/224.
    /// </summary>
    public static SampleTransform Validation(bool tenCrop, int cropSize = CropSize)
    {
        var scale = new Scale((int)Math.Round(cropSize * (double)ScaleSize / CropSize));
        return tenCrop
            ? new(3, cropSize, [scale, new Normalize(Mean, Std)], new TenCrop(cropSize))
            : new(3, cropSize, [scale, new Normalize(Mean, Std), new CenterCrop(cropSize)]);
    }
}
