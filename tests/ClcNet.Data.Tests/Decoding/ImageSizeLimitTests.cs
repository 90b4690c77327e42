using ClcNet.Data.Decoding;
using ClcNet.Data.ImageFolder;
using ClcNet.Data.Loading;
using ClcNet.Data.Tests.Support;
using SkiaSharp;

namespace ClcNet.Data.Tests.Decoding;

/// <summary>An image whose header claims more than <see cref="ImageDecoder.MaxPixels"/> is refused before its pixels are allocated.</summary>
public sealed class ImageSizeLimitTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    public static TheoryData<string, byte[], string> HugeImages => new()
    {
        { "huge.png", CraftedImages.Png(65535, 65535), "65535x65535" },
        { "million.png", CraftedImages.Png(1_000_000, 1_000_000), "1000000x1000000" },
        // libjpeg-turbo itself refuses sides above 65500.
        { "huge.jpg", CraftedImages.Jpeg(65500, 65500), "65500x65500" },
        { "huge.ppm", CraftedImages.Ppm(65535, 65535), "65535x65535" },
        { "million.ppm", CraftedImages.Ppm(1_000_000, 1_000_000), "1000000x1000000" },
        { "wide.ppm", CraftedImages.Ppm(2_000_000_000, 1), "2000000000x1" },
    };

    [Theory]
    [MemberData(nameof(HugeImages))]
    public void AnImageClaimingMoreThanThePixelLimitIsAnUnreadableImage(string name, byte[] bytes, string size)
    {
        string path = folder.Write(name, bytes);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        ImageLoadException error = Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(path));

        Assert.Equal(path, error.Path);
        Assert.Equal($"the image is {size} pixels, more than the limit of {ImageDecoder.MaxPixels:N0}; downscale it", error.Reason);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 1 << 20);
    }

    [Fact]
    public void AJpegBeyondLibjpegsLimitIsAnUnreadableImageToo()
    {
        string path = folder.Write("huger.jpg", CraftedImages.Jpeg(65535, 65535));

        Assert.StartsWith("not a decodable image", Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(path)).Reason);
    }

    [Fact]
    public void TheLimitIsPillowsDecompressionBombLimit() => Assert.Equal(89_478_485, ImageDecoder.MaxPixels);

    [Fact]
    public void APpmWithinTheLimitButWithoutItsDataIsTruncatedBeforeItsSamplesAreAllocated()
    {
        // 8000 x 8000 x 3 samples (768 MB as floats) claimed, 12 bytes present.
        string path = folder.Write("short.ppm", CraftedImages.Ppm(8000, 8000));
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        ImageLoadException error = Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(path));

        Assert.Equal("PPM data is truncated: 192000000 bytes expected, 12 found", error.Reason);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 1 << 20);
    }

    [Fact]
    public void AnAsciiPpmTooShortForItsSamplesIsTruncatedBeforeTheyAreAllocated()
    {
        string path = folder.Write("short-ascii.ppm", "P3\n8000 8000\n255\n1 2 3\n"u8.ToArray());
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        ImageLoadException error = Assert.Throws<ImageLoadException>(() => ImageDecoder.DecodeRgb(path));

        Assert.Equal("PPM file ends before its samples: 192000000 expected, 7 bytes left", error.Reason);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 1 << 20);
    }

    [Fact]
    public void AHugeImageInAFolderIsReportedCountedAndSkippedByTheLoader()
    {
        using SKBitmap bitmap = Images.RgbBitmap(40, 30);
        folder.Write("train/cat/ok.png", Images.Encode(bitmap, SKEncodedImageFormat.Png));
        string huge = folder.Write("train/cat/huge.png", CraftedImages.Png(65535, 65535));
        folder.Write("val/cat/ok.png", Images.Encode(bitmap, SKEncodedImageFormat.Png));
        IImageDataset train = ImageFolderDataset.Open(folder.Path, tenCrop: false).Train;
        var reported = new List<ImageLoadException>();
        var loader = new DataLoader(train, batchSize: 2, shuffle: false, workers: 1, seed: 0, onSkipped: reported.Add);

        var batches = loader.Epoch(1).ToList();

        Assert.Equal([1, 3, 224, 224], Assert.Single(batches).Images.shape);
        Assert.Equal(huge, Assert.Single(reported).Path);
        Assert.Equal(1, loader.SkippedCount);
        batches.ForEach(batch => batch.Dispose());
    }
}
