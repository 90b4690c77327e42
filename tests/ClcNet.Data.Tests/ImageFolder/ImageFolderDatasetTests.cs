using ClcNet.Data.ImageFolder;
using ClcNet.Data.Loading;
using ClcNet.Data.Tests.Support;
using SkiaSharp;

namespace ClcNet.Data.Tests.ImageFolder;

/// <summary>A small ImageNet-layout tree of real files, made here with SkiaSharp.</summary>
public sealed class ImageFolderDatasetTests : IDisposable
{
    private readonly TemporaryDirectory root = new();

    public ImageFolderDatasetTests()
    {
        using SKBitmap rgb = Images.RgbBitmap(40, 30);
        using SKBitmap gray = Images.GrayBitmap(20, 24);
        var png = Images.Encode(rgb, SKEncodedImageFormat.Png);
        root.Write("train/cat/b.png", png);
        root.Write("train/cat/a.JPG", Images.Encode(rgb, SKEncodedImageFormat.Jpeg, 90));
        root.Write("train/cat/nested/c.Jpeg", Images.Encode(rgb, SKEncodedImageFormat.Jpeg, 90));
        root.Write("train/cat/notes.txt", "not an image"u8.ToArray());
        root.Write("train/dog/gray.png", Images.Encode(gray, SKEncodedImageFormat.Png));
        root.Write("train/dog/png-inside.jpg", png);
        root.Write("train/Zebra/z.ppm", [.. "P6 2 2 255\n"u8, .. new byte[12]]);
        root.Write("val/dog/v.png", png);
        root.Write("val/dog/broken.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        root.Write("val/Zebra/w.bmp", Images.Encode(rgb, SKEncodedImageFormat.Png));
    }

    public void Dispose() => root.Dispose();

    private string At(string relative) => Path.Combine(root.Path, relative);

    [Fact]
    public void Classes_are_the_train_folders_in_ordinal_order()
    {
        DatasetSplits splits = ImageFolderDataset.Open(root.Path, tenCrop: false);

        // Ordinal: capitals first, unlike a culture-aware sort.
        Assert.Equal(["Zebra", "cat", "dog"], splits.Train.Classes);
        Assert.Same(splits.Train.Classes, splits.Validation.Classes);
    }

    [Fact]
    public void Images_are_found_by_extension_in_any_case_and_labelled_by_class_position()
    {
        DatasetSplits splits = ImageFolderDataset.Open(root.Path, tenCrop: false);

        Assert.Equal(
            [new(At("train/Zebra/z.ppm"), 0), new(At("train/cat/a.JPG"), 1), new(At("train/cat/b.png"), 1),
             new(At("train/cat/nested/c.Jpeg"), 1), new(At("train/dog/gray.png"), 2), new(At("train/dog/png-inside.jpg"), 2)],
            ((ImageFolderDataset)splits.Train).Images);
        Assert.Equal(
            [new(At("val/Zebra/w.bmp"), 0), new(At("val/dog/broken.png"), 2), new(At("val/dog/v.png"), 2)],
            ((ImageFolderDataset)splits.Validation).Images);
    }

    [Fact]
    public void Every_training_image_loads_as_a_224_rgb_crop()
    {
        IImageDataset train = ImageFolderDataset.Open(root.Path, tenCrop: false).Train;

        for (var i = 0; i < train.Count; i++)
        {
            Assert.Equal(3 * 224 * 224, train.Load(i, new Random(i)).Pixels.Length);
        }
    }

    [Fact]
    public void The_corrupt_validation_image_is_reported_counted_and_skipped_by_the_loader()
    {
        IImageDataset validation = ImageFolderDataset.Open(root.Path, tenCrop: true).Validation;
        var reported = new List<ImageLoadException>();
        var loader = new DataLoader(validation, batchSize: 8, shuffle: false, workers: 2, seed: 0, onSkipped: reported.Add);

        var batches = loader.Epoch(1).ToList();

        Batch batch = Assert.Single(batches);
        Assert.Equal([2, 10, 3, 224, 224], batch.Images.shape);
        Assert.Equal([0L, 2L], batch.Labels.data<long>().ToArray());
        Assert.Equal(At("val/dog/broken.png"), Assert.Single(reported).Path);
        Assert.Equal(1, loader.SkippedCount);
        batches.ForEach(b => b.Dispose());
    }

    [Fact]
    public void A_validation_class_missing_from_train_is_an_error()
    {
        root.Write("val/horse/h.png", [1]);

        DatasetException error = Assert.Throws<DatasetException>(() => ImageFolderDataset.Open(root.Path, tenCrop: false));

        Assert.Contains($"{At("val/horse")} has no matching folder in the training split", error.Message);
    }

    [Fact]
    public void A_missing_val_folder_is_an_error()
    {
        Directory.Delete(At("val"), recursive: true);

        DatasetException error = Assert.Throws<DatasetException>(() => ImageFolderDataset.Open(root.Path, tenCrop: false));

        Assert.Contains($"{At("val")} is missing", error.Message);
    }

    [Fact]
    public void A_train_folder_without_classes_is_an_error()
    {
        using var empty = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(empty.Path, "train"));
        Directory.CreateDirectory(Path.Combine(empty.Path, "val"));

        DatasetException error = Assert.Throws<DatasetException>(() => ImageFolderDataset.Open(empty.Path, tenCrop: false));

        Assert.Contains("has no class folders", error.Message);
    }
}
