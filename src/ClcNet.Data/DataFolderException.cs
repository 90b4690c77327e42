using ClcNet.Data.FashionMnist;
using ClcNet.Data.ImageFolder;

namespace ClcNet.Data;

/// <summary>
/// The data folder cannot be used: the one named does not exist, none was found, or it holds no known dataset.
/// The fix is always another data folder, so <see cref="Describe"/> lets the caller name that setting its own way
/// (a command line names its option); <see cref="Exception.Message"/> names it in plain words.
/// </summary>
public abstract class DataFolderException(Exception? inner = null) : DatasetException("", inner)
{
    /// <inheritdoc/>
    public override string Message => Describe(null);

    /// <summary>The one-line message, with the caller's data-folder setting called <paramref name="dataSetting"/> (e.g. <c>--data</c>).</summary>
    public abstract string Describe(string? dataSetting);
}

/// <summary>A named data folder does not exist.</summary>
/// <param name="directory">The folder.</param>
/// <param name="origin">Where the name came from when the caller did not give it (<c>$CLCNET_DATA</c>); null when the caller did.</param>
public sealed class DataFolderNotFoundException(string directory, string? origin = null) : DataFolderException
{
    /// <summary>The folder that does not exist.</summary>
    public string Directory { get; } = directory;

    /// <summary>Where its name came from, when not from the caller.</summary>
    public string? Origin { get; } = origin;

    /// <inheritdoc/>
    public override string Describe(string? dataSetting)
    {
        string? from = Origin ?? dataSetting;
        return $"The data folder '{Directory}'{(from is null ? "" : $" (from {from})")} does not exist; " +
            "pass an existing Fashion-MNIST or ImageNet-layout folder.";
    }
}

/// <summary>No data folder was named, Fashion-MNIST is in none of the usual places, and the download failed.</summary>
public sealed class FashionMnistNotFoundException(string packageDirectory, string cacheDirectory, Exception inner)
    : DataFolderException(inner)
{
    /// <inheritdoc/>
    public override string Describe(string? dataSetting) =>
        $"Fashion-MNIST was not found (no {dataSetting ?? "data folder named"}, no ${FashionMnistLocator.EnvironmentVariable}, " +
        $"nothing in {packageDirectory} or {cacheDirectory}) and could not be downloaded from {FashionMnistFiles.OfficialBaseUrl}: " +
        $"{InnerException!.Message} Install it with `apt install {FashionMnistLocator.DebianPackage}`, put the four .gz files " +
        $"from {FashionMnistFiles.OfficialBaseUrl} into {cacheDirectory}, or pass {(dataSetting is null ? "a data folder" : $"{dataSetting} DIR")}.";
}

/// <summary>A folder that holds neither Fashion-MNIST nor the ImageNet layout.</summary>
public sealed class UnrecognisedDataFolderException(string directory) : DataFolderException
{
    /// <summary>The folder.</summary>
    public string Directory { get; } = directory;

    /// <inheritdoc/>
    public override string Describe(string? dataSetting) =>
        $"{Directory} holds neither Fashion-MNIST ({string.Join(", ", FashionMnistFiles.All)}, optionally .gz) " +
        $"nor an ImageNet layout ({Path.Combine(Directory, ImageFolderDataset.TrainFolder)}/<class>/<image> is missing); " +
        (dataSetting is null ? "use a folder that holds either." : $"point {dataSetting} at such a folder.");
}
