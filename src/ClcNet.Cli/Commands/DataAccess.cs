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
}
