using ClcNet.Data.Decoding;
using ClcNet.Data.Transforms;

namespace ClcNet.Data.ImageFolder;

/// <summary>
/// Images in the ImageNet layout, <c>DATA/train/&lt;class&gt;/...</c> and <c>DATA/val/&lt;class&gt;/...</c>, decoded on
/// load. The class index is the position of the folder name in the ordinally sorted <c>train/</c> folder names.
/// </summary>
public sealed class ImageFolderDataset(IReadOnlyList<string> classes, IReadOnlyList<LabelledImage> images, SampleTransform transform)
    : IImageDataset
{
    /// <summary>The training folder's name.</summary>
    public const string TrainFolder = "train";

    /// <summary>The validation folder's name.</summary>
    public const string ValidationFolder = "val";

    /// <summary>
    /// Opens <c>train/</c> with the reference training transform and <c>val/</c> with the validation transform
    /// (ten crops with <paramref name="tenCrop"/>).
    /// </summary>
    /// <exception cref="DatasetException">A folder is missing or empty, or <c>val/</c> has a class that <c>train/</c> lacks.</exception>
    public static DatasetSplits Open(string root, bool tenCrop)
    {
        var trainRoot = Path.Combine(root, TrainFolder);
        var validationRoot = Path.Combine(root, ValidationFolder);
        if (!Directory.Exists(trainRoot))
        {
            throw new DatasetException($"{trainRoot} is missing; an ImageNet-layout folder holds {TrainFolder}/<class>/<image> and {ValidationFolder}/<class>/<image>.");
        }

        if (!Directory.Exists(validationRoot))
        {
            throw new DatasetException($"{validationRoot} is missing; put the validation images in {ValidationFolder}/<class>/<image>, with the class folders named as in {TrainFolder}/.");
        }

        IReadOnlyList<string> classes = ImageFolderScanner.Classes(trainRoot);
        IReadOnlyList<LabelledImage> train = ImageFolderScanner.Images(trainRoot, classes);
        IReadOnlyList<LabelledImage> validation = ImageFolderScanner.Images(validationRoot, classes);
        return new DatasetSplits(
            new ImageFolderDataset(classes, train, ImageNetTransforms.Train()),
            new ImageFolderDataset(classes, validation, ImageNetTransforms.Validation(tenCrop)));
    }

    /// <summary>The images, class by class, each class's files in ordinal path order.</summary>
    public IReadOnlyList<LabelledImage> Images => images;

    /// <inheritdoc/>
    public int Count => images.Count;

    /// <inheritdoc/>
    public IReadOnlyList<string> Classes => classes;

    /// <inheritdoc/>
    public int Channels => transform.Channels;

    /// <inheritdoc/>
    public int Size => transform.Size;

    /// <inheritdoc/>
    public int CropsPerSample => transform.CropsPerSample;

    /// <inheritdoc/>
    public Sample Load(int index, Random random)
    {
        (string? path, int label) = images[index];
        return new Sample(transform.Apply(ImageDecoder.DecodeRgb(path), random), label);
    }
}
