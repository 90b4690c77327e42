using ClcNet.Data.Idx;
using ClcNet.Data.Transforms;

namespace ClcNet.Data.FashionMnist;

/// <summary>Fashion-MNIST (or any MNIST-like IDX pair) held in memory: 28x28 grayscale, 10 classes.</summary>
public sealed class FashionMnistDataset : IImageDataset
{
    /// <summary>The official class names, in label order.</summary>
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private readonly IdxImages images;
    private readonly byte[] labels;
    private readonly SampleTransform transform;

    /// <summary>Pairs <paramref name="images"/> with <paramref name="labels"/> and applies <paramref name="transform"/> on load.</summary>
    public FashionMnistDataset(IdxImages images, byte[] labels, SampleTransform transform)
    {
        if (images.Count != labels.Length)
        {
            throw new ArgumentException($"{images.Count} images but {labels.Length} labels.", nameof(labels));
        }

        this.images = images;
        this.labels = labels;
        this.transform = transform;
    }

    /// <summary>
    /// Reads the training split (with the training augmentation) or the test split from <paramref name="directory"/>,
    /// which holds the four IDX files, raw or gzipped.
    /// </summary>
    /// <exception cref="DatasetException">A file is missing, corrupt, or the pair does not match.</exception>
    public static FashionMnistDataset Open(string directory, bool train, bool tenCrop = false)
    {
        (string? imagesName, string? labelsName) = train
            ? (FashionMnistFiles.TrainImages, FashionMnistFiles.TrainLabels)
            : (FashionMnistFiles.TestImages, FashionMnistFiles.TestLabels);
        var imagesPath = Require(directory, imagesName);
        var labelsPath = Require(directory, labelsName);

        IdxImages images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath);
        if (images.Count != labels.Length)
        {
            throw new DatasetException($"{imagesPath} has {images.Count} images but {labelsPath} has {labels.Length} labels; they must come from the same split.");
        }

        if (images.Rows != FashionMnistTransforms.Size || images.Columns != FashionMnistTransforms.Size)
        {
            throw new DatasetException($"{imagesPath} holds {images.Rows}x{images.Columns} images; Fashion-MNIST images are {FashionMnistTransforms.Size}x{FashionMnistTransforms.Size}.");
        }

        var badLabel = Array.FindIndex(labels, label => label >= ClassNames.Count);
        if (badLabel >= 0)
        {
            throw new DatasetException($"{labelsPath}: label {labels[badLabel]} at index {badLabel} is not one of the {ClassNames.Count} Fashion-MNIST classes (0-{ClassNames.Count - 1}).");
        }

        SampleTransform transform = train ? FashionMnistTransforms.Train() : FashionMnistTransforms.Test(tenCrop);
        return new FashionMnistDataset(images, labels, transform);
    }

    /// <inheritdoc/>
    public int Count => images.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => ClassNames;

    /// <inheritdoc/>
    public int Channels => transform.Channels;

    /// <inheritdoc/>
    public int Size => transform.Size;

    /// <inheritdoc/>
    public int CropsPerSample => transform.CropsPerSample;

    /// <inheritdoc/>
    public Sample Load(int index, Random random)
    {
        ReadOnlySpan<byte> pixels = images.Image(index);
        var image = new FloatImage(1, images.Rows, images.Columns);
        for (var i = 0; i < pixels.Length; i++)
        {
            image.Data[i] = pixels[i] / 255f;
        }

        return new Sample(transform.Apply(image, random), labels[index]);
    }

    private static string Require(string directory, string name) =>
        FashionMnistFiles.Find(directory, name)
        ?? throw new DatasetException($"{Path.Combine(directory, name)}[.gz] is missing; a Fashion-MNIST folder holds {string.Join(", ", FashionMnistFiles.All)} (each optionally .gz).");
}
