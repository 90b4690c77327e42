using ClcNet.Data.ImageFolder;
using ClcNet.Data.Tests.Support;
using SkiaSharp;

namespace ClcNet.Data.Tests.ImageFolder;

/// <summary>Symbolic links in an image folder: followed, each folder scanned once, so a link loop adds nothing.</summary>
public sealed class ImageFolderLinkTests : IDisposable
{
    private readonly TemporaryDirectory root = new();
    private readonly byte[] png;

    public ImageFolderLinkTests()
    {
        using SKBitmap bitmap = Images.RgbBitmap(8, 8);
        png = Images.Encode(bitmap, SKEncodedImageFormat.Png);
        root.Write("train/tshirt/a.png", png);
        root.Write("train/tshirt/b.png", png);
        root.Write("train/tshirt/nested/c.png", png);
        root.Write("val/tshirt/v.png", png);
    }

    public void Dispose() => root.Dispose();

    private string At(string relative) => Path.Combine(root.Path, relative);

    private IReadOnlyList<string> TrainingImages() =>
        ((ImageFolderDataset)ImageFolderDataset.Open(root.Path, tenCrop: false).Train).Images.Select(image => image.Path).ToList();

    [Fact]
    public void ALinkToItsOwnFolderAddsNoImage()
    {
        Directory.CreateSymbolicLink(At("train/tshirt/loop"), ".");

        Assert.Equal([At("train/tshirt/a.png"), At("train/tshirt/b.png"), At("train/tshirt/nested/c.png")], TrainingImages());
    }

    [Fact]
    public void ALinkToAnAncestorAndALinkBetweenSiblingsAddNoImage()
    {
        Directory.CreateSymbolicLink(At("train/tshirt/nested/up"), "../..");
        Directory.CreateSymbolicLink(At("train/tshirt/nested/absolute"), At("train/tshirt"));

        Assert.Equal([At("train/tshirt/a.png"), At("train/tshirt/b.png"), At("train/tshirt/nested/c.png")], TrainingImages());
    }

    [Fact]
    public void ALinkToAFolderElsewhereIsFollowedAndItsImagesKeepTheLinkedPath()
    {
        root.Write("elsewhere/more/d.png", png);
        Directory.CreateSymbolicLink(At("train/tshirt/extra"), At("elsewhere"));
        Directory.CreateSymbolicLink(At("elsewhere/more/back"), At("train"));

        Assert.Equal(
            [At("train/tshirt/a.png"), At("train/tshirt/b.png"), At("train/tshirt/extra/more/d.png"), At("train/tshirt/nested/c.png")],
            TrainingImages());
    }

    [Fact]
    public void ALinkedClassFolderAndLinkedImageFilesAreFollowed()
    {
        root.Write("store/shoe/s.png", png);
        Directory.CreateSymbolicLink(At("train/shoe"), At("store/shoe"));
        File.CreateSymbolicLink(At("train/tshirt/linked.png"), At("store/shoe/s.png"));

        Assert.Equal(
            [At("train/shoe/s.png"), At("train/tshirt/a.png"), At("train/tshirt/b.png"), At("train/tshirt/linked.png"), At("train/tshirt/nested/c.png")],
            TrainingImages());
    }

    [Fact]
    public void AClassFolderNamedWithAControlCharacterIsAnError()
    {
        root.Write("train/bad\nname/x.png", png);

        DatasetException error = Assert.Throws<DatasetException>(() => ImageFolderDataset.Open(root.Path, tenCrop: false));

        Assert.Equal($"{At("train")}: the class folder 'bad name' has a control character in its name; rename it (class names are printed and saved with the model).", error.Message);
    }
}
