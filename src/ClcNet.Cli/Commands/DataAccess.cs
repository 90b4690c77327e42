using ClcNet.Cli.Terminal;
using ClcNet.Data;
using ClcNet.Data.FashionMnist;
using ClcNet.Data.Loading;
using ClcNet.Training;

namespace ClcNet.Cli.Commands;

/// <summary>Finding and opening the data, and loading it in batches, the same way for every command.</summary>
internal static class DataAccess
{
    /// <summary>
    /// The data folder (<c>--data</c>, else the Fashion-MNIST search order, downloading as a last resort) and its splits.
    /// </summary>
    /// <exception cref="DatasetException">No usable data folder; the message names the fix.</exception>
    public static (string Directory, DatasetSplits Splits) Open(string? data, bool tenCrop, CliContext context)
    {
        string directory = ProgressDisplay.RunDownload(context, progress => FashionMnistLocator.Locate(data, progress));
        return (directory, DatasetCatalog.Open(directory, tenCrop));
    }

    /// <summary>A loader over <paramref name="dataset"/> that warns on stderr about each image it has to skip.</summary>
    public static BatchSource Batches(IImageDataset dataset, int batchSize, bool shuffle, int workers, int seed, CliContext context)
    {
        var loader = new DataLoader(dataset, batchSize, shuffle, workers, seed,
            onSkipped: context.SkippedImages.Report);
        return new BatchSource(loader.BatchesPerEpoch, loader.Epoch);
    }

    /// <summary>
    /// Checks that a network of <paramref name="spec"/> (from <paramref name="source"/>) fits the images and
    /// classes of <paramref name="dataset"/> in <paramref name="directory"/>.
    /// </summary>
    /// <exception cref="UsageException">It does not.</exception>
    public static void RequireFit(ClcNetSpec spec, string source, IImageDataset dataset, string directory)
    {
        if (spec.InputChannels != dataset.Channels || spec.InputSize != dataset.Size)
        {
            throw new UsageException(
                $"{source} is {spec} for {spec.InputChannels}x{spec.InputSize}x{spec.InputSize} input but {directory} gives " +
                $"{dataset.Channels}x{dataset.Size}x{dataset.Size} images; use data of the kind it was trained on");
        }
        if (spec.Classes != dataset.Classes.Count)
        {
            throw new UsageException(
                $"{source} has {spec.Classes} classes but {directory} has {dataset.Classes.Count}; " +
                $"fine-tune with --retrain FILE --reset-classifier --classes {dataset.Classes.Count}");
        }
    }
}
