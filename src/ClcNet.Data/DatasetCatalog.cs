using ClcNet.Data.FashionMnist;
using ClcNet.Data.ImageFolder;

namespace ClcNet.Data;

/// <summary>Opens a data folder by recognising what it holds: Fashion-MNIST IDX files or the ImageNet layout.</summary>
public static class DatasetCatalog
{
    /// <summary>
    /// The training and validation datasets in <paramref name="directory"/>. Fashion-MNIST's test split serves
    /// as validation. <paramref name="tenCrop"/> makes validation samples ten crops each.
    /// </summary>
    /// <exception cref="DatasetException">The folder is missing, holds neither kind of dataset, or is broken.</exception>
    public static DatasetSplits Open(string directory, bool tenCrop = false)
    {
        if (!Directory.Exists(directory))
        {
            throw new DataFolderNotFoundException(directory);
        }

        IReadOnlyList<string> missing = FashionMnistFiles.Missing(directory);
        if (missing.Count == 0)
        {
            return new DatasetSplits(
                FashionMnistDataset.Open(directory, train: true),
                FashionMnistDataset.Open(directory, train: false, tenCrop));
        }

        if (missing.Count < FashionMnistFiles.All.Count)
        {
            throw new DatasetException($"{directory} has only part of Fashion-MNIST: {string.Join(", ", missing)} (.gz or raw) missing.");
        }

        if (Directory.Exists(Path.Combine(directory, ImageFolderDataset.TrainFolder)))
        {
            return ImageFolderDataset.Open(directory, tenCrop);
        }

        throw new UnrecognisedDataFolderException(directory);
    }
}
