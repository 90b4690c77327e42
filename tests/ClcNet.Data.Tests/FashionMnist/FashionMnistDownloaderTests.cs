using System.Security.Cryptography;
using ClcNet.Data.FashionMnist;
using ClcNet.Data.Tests.Support;

namespace ClcNet.Data.Tests.FashionMnist;

public sealed class FashionMnistDownloaderTests : IDisposable
{
    private const string Primary = "http://primary.test/";
    private const string Secondary = "https://secondary.test/";

    // Stand-ins for the four .gz files, with their true hashes as the "published" ones.
    private static readonly Dictionary<string, byte[]> Contents =
        FashionMnistFiles.All.ToDictionary(name => name, name => IdxBytes.Gzip(IdxBytes.Labels([.. name.Select(c => (byte)c)])));

    private static readonly Dictionary<string, string> Hashes =
        Contents.ToDictionary(pair => pair.Key, pair => Convert.ToHexStringLower(SHA256.HashData(pair.Value)));

    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static Dictionary<string, byte[]> Served(string mirror, Func<byte[], byte[]>? change = null) =>
        Contents.ToDictionary(pair => $"{mirror}{pair.Key}.gz", pair => (change ?? (b => b))(pair.Value));

    private static FashionMnistDownloader Downloader(FakeHttpHandler handler) =>
        new(new HttpClient(handler), [Primary, Secondary], Hashes);

    [Fact]
    public void Downloads_verified_files_and_reports_progress()
    {
        var handler = new FakeHttpHandler(Served(Primary));
        var progress = new List<DownloadProgress>();

        Downloader(handler).Download(folder.Path, progress.Add);

        foreach ((string? name, byte[]? bytes) in Contents)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder.Path, name + ".gz")));
        }

        Assert.Equal(4, Directory.GetFiles(folder.Path).Length);
        Assert.All(handler.Requests, url => Assert.StartsWith(Primary, url));
        DownloadProgress last = progress.Last(p => p.FileName == "t10k-labels-idx1-ubyte.gz");
        Assert.Equal(Contents["t10k-labels-idx1-ubyte"].Length, last.BytesReceived);
        Assert.Equal(last.BytesReceived, last.TotalBytes);
    }

    [Fact]
    public void A_file_with_the_wrong_hash_is_discarded_and_the_next_mirror_tried()
    {
        Dictionary<string, byte[]> served = Served(Primary, bytes => [.. bytes, 0]);
        foreach ((string? url, byte[]? bytes) in Served(Secondary))
        {
            served[url] = bytes;
        }

        var handler = new FakeHttpHandler(served);

        Downloader(handler).Download(folder.Path);

        Assert.Equal(8, handler.Requests.Count);
        foreach ((string? name, byte[]? bytes) in Contents)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder.Path, name + ".gz")));
        }
    }

    [Fact]
    public void When_every_mirror_serves_a_bad_file_nothing_is_kept_and_the_error_says_why()
    {
        Dictionary<string, byte[]> served = Served(Primary, bytes => [.. bytes, 0]);
        foreach ((string? url, byte[]? bytes) in Served(Secondary, bytes => bytes[..^1]))
        {
            served[url] = bytes;
        }

        DatasetException error = Assert.Throws<DatasetException>(() => Downloader(new FakeHttpHandler(served)).Download(folder.Path));

        Assert.Contains("Downloading train-images-idx3-ubyte.gz failed", error.Message);
        Assert.Contains($"{Primary}train-images-idx3-ubyte.gz: its SHA-256", error.Message);
        Assert.Contains($"is not the published {Hashes["train-images-idx3-ubyte"]}", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Files_already_present_and_intact_are_not_fetched_again()
    {
        folder.Write("train-images-idx3-ubyte.gz", Contents["train-images-idx3-ubyte"]);
        folder.Write("train-labels-idx1-ubyte.gz", [1, 2, 3]);
        var handler = new FakeHttpHandler(Served(Primary));

        Downloader(handler).Download(folder.Path);

        Assert.Equal(3, handler.Requests.Count);
        Assert.DoesNotContain($"{Primary}train-images-idx3-ubyte.gz", handler.Requests);
        Assert.Equal(Contents["train-labels-idx1-ubyte"], File.ReadAllBytes(Path.Combine(folder.Path, "train-labels-idx1-ubyte.gz")));
    }

    [Fact]
    public void The_official_sources_are_the_zalando_bucket_then_its_github_repository()
    {
        Assert.Equal("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", FashionMnistFiles.Mirrors[0]);
        Assert.Equal("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/", FashionMnistFiles.Mirrors[1]);
        Assert.Equal(FashionMnistFiles.All.Order(), FashionMnistFiles.GzipSha256.Keys.Order());
    }
}
