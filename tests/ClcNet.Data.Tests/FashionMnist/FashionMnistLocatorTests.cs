using System.Security.Cryptography;
using ClcNet.Data.FashionMnist;
using ClcNet.Data.Tests.Support;

namespace ClcNet.Data.Tests.FashionMnist;

public sealed class FashionMnistLocatorTests : IDisposable
{
    private const string Mirror = "http://mirror.test/";

    private readonly TemporaryDirectory root = new();
    private readonly FakeHttpHandler network;
    private readonly Dictionary<string, string> hashes;

    public FashionMnistLocatorTests()
    {
        var contents = FashionMnistFiles.All.ToDictionary(name => name, name => IdxBytes.Gzip(IdxBytes.Labels(1)));
        hashes = contents.ToDictionary(pair => pair.Key, pair => Convert.ToHexStringLower(SHA256.HashData(pair.Value)));
        network = new FakeHttpHandler(contents.ToDictionary(pair => $"{Mirror}{pair.Key}.gz", pair => pair.Value));
    }

    public void Dispose() => root.Dispose();

    private string Package => Path.Combine(root.Path, "package");

    private string Cache => Path.Combine(root.Path, "cache");

    private FashionMnistLocator Locator(string? environment = null) =>
        new(environment, Package, Cache, new FashionMnistDownloader(new HttpClient(network), [Mirror], hashes));

    private string Folder(string name, bool withFiles)
    {
        var path = Path.Combine(root.Path, name);
        Directory.CreateDirectory(path);
        if (withFiles)
        {
            foreach (var file in FashionMnistFiles.All)
            {
                root.Write(Path.Combine(name, file + ".gz"), [0]);
            }
        }

        return path;
    }

    [Fact]
    public void The_data_option_wins_over_everything()
    {
        var option = Folder("option", withFiles: false);
        Folder("env", withFiles: true);
        Folder("package", withFiles: true);

        Assert.Equal(option, Locator(environment: Path.Combine(root.Path, "env")).Find(option));
    }

    [Fact]
    public void The_environment_variable_comes_next()
    {
        var environment = Folder("env", withFiles: false);
        Folder("package", withFiles: true);

        Assert.Equal(environment, Locator(environment).Find(folder: null));
    }

    [Fact]
    public void Then_the_debian_package_folder_if_it_holds_the_files()
    {
        Folder("package", withFiles: true);
        Folder("cache", withFiles: true);

        Assert.Equal(Package, Locator().Find(null));
    }

    [Fact]
    public void Then_the_user_cache_if_it_holds_the_files()
    {
        Folder("package", withFiles: false);
        Folder("cache", withFiles: true);

        Assert.Equal(Cache, Locator().Find(null));
        Assert.Empty(network.Requests);
    }

    [Fact]
    public void Finally_a_download_into_the_cache()
    {
        var progress = new List<DownloadProgress>();

        Assert.Equal(Cache, Locator().Find(null, progress.Add));

        Assert.Equal(4, network.Requests.Count);
        Assert.True(FashionMnistFiles.ArePresent(Cache));
        Assert.NotEmpty(progress);
    }

    [Fact]
    public void A_named_folder_that_does_not_exist_is_an_error_not_a_fallback()
    {
        var missing = Path.Combine(root.Path, "nowhere");

        DataFolderNotFoundException fromCaller = Assert.Throws<DataFolderNotFoundException>(() => Locator().Find(missing));
        DataFolderNotFoundException fromEnvironment = Assert.Throws<DataFolderNotFoundException>(() => Locator(missing).Find(null));

        Assert.Equal((missing, null), (fromCaller.Directory, fromCaller.Origin));
        Assert.Contains($"'{missing}' does not exist", fromCaller.Message);
        Assert.Contains($"'{missing}' (from --data) does not exist", fromCaller.Describe("--data"));
        Assert.Contains("(from $CLCNET_DATA) does not exist", fromEnvironment.Message);
        Assert.Contains("(from $CLCNET_DATA) does not exist", fromEnvironment.Describe("--data"));
        Assert.Empty(network.Requests);
    }

    [Fact]
    public void When_the_download_fails_the_error_names_the_package_and_the_url()
    {
        var offline = new FashionMnistLocator(null, Package, Cache,
            new FashionMnistDownloader(new HttpClient(new FakeHttpHandler(new Dictionary<string, byte[]>())), [Mirror], hashes));

        FashionMnistNotFoundException error = Assert.Throws<FashionMnistNotFoundException>(() => offline.Find(null));

        Assert.Contains("or pass --data DIR.", error.Describe("--data"));
        Assert.Contains("apt install dataset-fashion-mnist", error.Message);
        Assert.Contains("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", error.Message);
        Assert.Contains("404", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void This_machine_reads_CLCNET_DATA_and_uses_the_package_and_home_cache_folders()
    {
        var previous = Environment.GetEnvironmentVariable(FashionMnistLocator.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(FashionMnistLocator.EnvironmentVariable, root.Path);
            var locator = FashionMnistLocator.ForThisMachine();

            Assert.Equal(root.Path, locator.EnvironmentValue);
            Assert.Equal("/usr/share/datasets/fashion-mnist", locator.PackageDirectory);
            Assert.EndsWith(Path.Combine(".cache", "clcnet", "fashion-mnist"), locator.CacheDirectory);
            Assert.Equal(root.Path, FashionMnistLocator.Locate(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable(FashionMnistLocator.EnvironmentVariable, previous);
        }
    }
}
