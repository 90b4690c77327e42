namespace ClcNet.Data.FashionMnist;

/// <summary>
/// Finds the data folder: the one the caller names when it does, else <c>$CLCNET_DATA</c>, else the Debian/Ubuntu package
/// folder, else the user cache, else a fresh download into the user cache. A folder the user names
/// explicitly is used as is (it may be an ImageNet layout); the fallbacks are taken only if they hold all
/// four Fashion-MNIST files.
/// </summary>
/// <param name="EnvironmentValue">The value of <c>$CLCNET_DATA</c>, or null.</param>
/// <param name="PackageDirectory">Where the <c>dataset-fashion-mnist</c> package installs the files.</param>
/// <param name="CacheDirectory">The per-user cache, also the download target.</param>
/// <param name="Downloader">Fetches the files when nothing else has them.</param>
public sealed record FashionMnistLocator(
    string? EnvironmentValue,
    string PackageDirectory,
    string CacheDirectory,
    FashionMnistDownloader Downloader)
{
    /// <summary>Environment variable naming the data folder.</summary>
    public const string EnvironmentVariable = "CLCNET_DATA";

    /// <summary>The Debian/Ubuntu package that ships Fashion-MNIST.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>Where <see cref="DebianPackage"/> puts the files.</summary>
    public const string DebianPackageDirectory = "/usr/share/datasets/fashion-mnist";

    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = TimeSpan.FromMinutes(5) });

    /// <summary><c>~/.cache/clcnet/fashion-mnist</c>.</summary>
    public static string DefaultCacheDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "clcnet", "fashion-mnist");

    /// <summary>The locator for this machine: the real environment variable, package folder, cache and network.</summary>
    public static FashionMnistLocator ForThisMachine() => new(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        DebianPackageDirectory,
        DefaultCacheDirectory,
        new FashionMnistDownloader(SharedClient.Value));

    /// <summary>Finds the data folder on this machine; see <see cref="Find"/>.</summary>
    public static string Locate(string? folder, Action<DownloadProgress>? progress = null) =>
        ForThisMachine().Find(folder, progress);

    /// <summary>
    /// The data folder to use: <paramref name="folder"/> when given, else the fallbacks, downloading Fashion-MNIST
    /// into the cache as a last resort.
    /// </summary>
    /// <exception cref="DataFolderNotFoundException">A named folder does not exist.</exception>
    /// <exception cref="FashionMnistNotFoundException">Nothing was found and the download failed.</exception>
    public string Find(string? folder, Action<DownloadProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (!string.IsNullOrWhiteSpace(folder))
        {
            return Existing(folder, origin: null);
        }

        if (!string.IsNullOrWhiteSpace(EnvironmentValue))
        {
            return Existing(EnvironmentValue, $"${EnvironmentVariable}");
        }

        if (FashionMnistFiles.ArePresent(PackageDirectory))
        {
            return PackageDirectory;
        }

        if (FashionMnistFiles.ArePresent(CacheDirectory))
        {
            return CacheDirectory;
        }

        try
        {
            Downloader.Download(CacheDirectory, progress, cancellation);
            return CacheDirectory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FashionMnistNotFoundException(PackageDirectory, CacheDirectory, e);
        }
    }

    private static string Existing(string directory, string? origin) =>
        Directory.Exists(directory) ? directory : throw new DataFolderNotFoundException(directory, origin);
}
