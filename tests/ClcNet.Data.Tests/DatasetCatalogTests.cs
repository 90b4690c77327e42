using ClcNet.Data.FashionMnist;
using ClcNet.Data.ImageFolder;

namespace ClcNet.Data.Tests;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void Recognises_fashion_mnist_files_and_uses_the_test_split_for_validation()
    {
        DatasetSplits splits = DatasetCatalog.Open(TestData.FashionMnistSubset, tenCrop: true);

        Assert.IsType<FashionMnistDataset>(splits.Train);
        Assert.Equal((2000, 1), (splits.Train.Count, splits.Train.CropsPerSample));
        Assert.Equal((500, 10), (splits.Validation.Count, splits.Validation.CropsPerSample));
    }

    [Fact]
    public void Recognises_the_imagenet_layout()
    {
        using var root = new TemporaryDirectory();
        root.Write("train/a/x.png", [0]);
        root.Write("val/a/y.png", [0]);

        DatasetSplits splits = DatasetCatalog.Open(root.Path);

        Assert.IsType<ImageFolderDataset>(splits.Train);
        Assert.Equal(["a"], splits.Validation.Classes);
    }

    [Fact]
    public void A_folder_with_neither_says_what_is_missing()
    {
        using var root = new TemporaryDirectory();

        UnrecognisedDataFolderException error = Assert.Throws<UnrecognisedDataFolderException>(() => DatasetCatalog.Open(root.Path));

        Assert.Contains($"{Path.Combine(root.Path, "train")}/<class>/<image> is missing", error.Message);
        Assert.EndsWith("; point --data at such a folder.", error.Describe("--data"));
        Assert.Contains("train-images-idx3-ubyte", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Part_of_fashion_mnist_names_the_missing_files()
    {
        using var root = new TemporaryDirectory();
        root.Write("train-images-idx3-ubyte.gz", [0]);
        root.Write("train-labels-idx1-ubyte", [0]);

        DatasetException error = Assert.Throws<DatasetException>(() => DatasetCatalog.Open(root.Path));

        Assert.Contains("only part of Fashion-MNIST: t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte", error.Message);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_an_error()
    {
        DataFolderNotFoundException error = Assert.Throws<DataFolderNotFoundException>(() => DatasetCatalog.Open("/nonexistent/clcnet-data"));

        Assert.Contains("'/nonexistent/clcnet-data' does not exist", error.Message);
    }
}
