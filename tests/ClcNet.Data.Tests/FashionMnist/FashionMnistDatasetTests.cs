using ClcNet.Data.FashionMnist;
using ClcNet.Data.Tests.Support;

namespace ClcNet.Data.Tests.FashionMnist;

public sealed class FashionMnistDatasetTests
{
    [Theory]
    [InlineData(true, 2000, 200)]
    [InlineData(false, 500, 50)]
    public void The_committed_subset_has_the_stated_size_and_balanced_classes(bool train, int count, int perClass)
    {
        var dataset = FashionMnistDataset.Open(TestData.FashionMnistSubset, train);

        Assert.Equal(count, dataset.Count);
        Assert.Equal((1, 28, 1), (dataset.Channels, dataset.Size, dataset.CropsPerSample));
        var labels = Enumerable.Range(0, dataset.Count).Select(i => dataset.Load(i, new Random(0)).Label).ToList();
        Assert.All(labels.CountBy(label => label), pair => Assert.Equal(perClass, pair.Value));
        Assert.Equal(10, labels.Distinct().Count());
    }

    [Fact]
    public void Classes_are_the_official_names_in_label_order()
    {
        var dataset = FashionMnistDataset.Open(TestData.FashionMnistSubset, train: false);

        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], dataset.Classes);
    }

    [Fact]
    public void Test_samples_are_the_file_pixels_normalised_with_the_published_statistics()
    {
        var dataset = FashionMnistDataset.Open(TestData.FashionMnistSubset, train: false);
        var raw = IdxBytes.Gunzip(Path.Combine(TestData.FashionMnistSubset, "t10k-images-idx3-ubyte.gz"));

        Sample sample = dataset.Load(1, new Random(0));

        // The first Fashion-MNIST test images are an ankle boot, then a pullover.
        Assert.Equal(9, dataset.Load(0, new Random(0)).Label);
        Assert.Equal(2, sample.Label);
        IEnumerable<float> expected = raw.AsSpan(16 + 784, 784).ToArray().Select(p => (p / 255f - 0.2860f) / 0.3530f);
        Assert.Equal(expected, sample.Pixels, (a, b) => Math.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void Ten_crop_test_samples_are_ten_padded_crops()
    {
        var dataset = FashionMnistDataset.Open(TestData.FashionMnistSubset, train: false, tenCrop: true);

        Sample sample = dataset.Load(0, new Random(0));

        Assert.Equal(10, dataset.CropsPerSample);
        Assert.Equal(10 * 28 * 28, sample.Pixels.Length);
        // The top-left crop of the image padded by 2 starts with two rows of padding (pixel 0, normalised).
        Assert.All(sample.Pixels.AsSpan(784, 2 * 28).ToArray(), p => Assert.Equal(-0.2860f / 0.3530f, p, 1e-6f));
    }

    [Fact]
    public void Training_samples_are_augmented_reproducibly_from_the_generator()
    {
        var dataset = FashionMnistDataset.Open(TestData.FashionMnistSubset, train: true);

        var first = dataset.Load(5, new Random(42)).Pixels;
        var again = dataset.Load(5, new Random(42)).Pixels;
        var other = Enumerable.Range(0, 8).Select(seed => dataset.Load(5, new Random(seed)).Pixels).ToList();

        Assert.Equal(first, again);
        Assert.Contains(other, pixels => !pixels.SequenceEqual(first));
    }

    [Fact]
    public void Images_and_labels_of_different_lengths_are_rejected()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("t10k-images-idx3-ubyte", IdxBytes.Images(3, 28, 28));
        folder.Write("t10k-labels-idx1-ubyte.gz", IdxBytes.Gzip(IdxBytes.Labels(1, 2)));

        DatasetException error = Assert.Throws<DatasetException>(() => FashionMnistDataset.Open(folder.Path, train: false));

        Assert.Contains("has 3 images but", error.Message);
        Assert.Contains("has 2 labels", error.Message);
    }

    [Fact]
    public void A_label_outside_the_ten_classes_is_rejected()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("t10k-images-idx3-ubyte", IdxBytes.Images(2, 28, 28));
        folder.Write("t10k-labels-idx1-ubyte", IdxBytes.Labels(3, 10));

        DatasetException error = Assert.Throws<DatasetException>(() => FashionMnistDataset.Open(folder.Path, train: false));

        Assert.Contains("label 10 at index 1", error.Message);
    }

    [Fact]
    public void Images_that_are_not_28_by_28_are_rejected()
    {
        using var folder = new TemporaryDirectory();
        folder.Write("t10k-images-idx3-ubyte", IdxBytes.Images(1, 32, 32));
        folder.Write("t10k-labels-idx1-ubyte", IdxBytes.Labels(3));

        DatasetException error = Assert.Throws<DatasetException>(() => FashionMnistDataset.Open(folder.Path, train: false));

        Assert.Contains("holds 32x32 images", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var folder = new TemporaryDirectory();

        DatasetException error = Assert.Throws<DatasetException>(() => FashionMnistDataset.Open(folder.Path, train: true));

        Assert.Contains("train-images-idx3-ubyte[.gz] is missing", error.Message);
    }
}
