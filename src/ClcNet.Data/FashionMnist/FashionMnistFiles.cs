namespace ClcNet.Data.FashionMnist;

/// <summary>The four Fashion-MNIST files: names, official sources and checksums.</summary>
public static class FashionMnistFiles
{
    /// <summary>Training images (60,000).</summary>
    public const string TrainImages = "train-images-idx3-ubyte";

    /// <summary>Training labels.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>Test images (10,000).</summary>
    public const string TestImages = "t10k-images-idx3-ubyte";

    /// <summary>Test labels.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte";

    /// <summary>All four base names, without <c>.gz</c>.</summary>
    public static readonly IReadOnlyList<string> All = [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The official download location (Zalando's bucket, as linked from the project README).</summary>
    public const string OfficialBaseUrl = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /// <summary>Where the files are fetched from, in order: the official bucket, then Zalando's GitHub repository.</summary>
    public static readonly IReadOnlyList<string> Mirrors =
        [OfficialBaseUrl, "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"];

    /// <summary>
    /// SHA-256 of the official <c>.gz</c> files. Checked here by rebuilding each official file from the Debian
    /// package's copy (same deflate data, original gzip header restored) and matching the MD5 sums that the
    /// Fashion-MNIST README publishes; they also agree with the sums TensorFlow Datasets records.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> GzipSha256 = new Dictionary<string, string>
    {
        [TrainImages] = "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        [TrainLabels] = "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        [TestImages] = "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        [TestLabels] = "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    };

    /// <summary>The path of <paramref name="name"/> in <paramref name="directory"/>, raw or <c>.gz</c>, or null when neither exists.</summary>
    public static string? Find(string directory, string name)
    {
        var raw = Path.Combine(directory, name);
        if (File.Exists(raw))
        {
            return raw;
        }

        var gzip = raw + ".gz";
        return File.Exists(gzip) ? gzip : null;
    }

    /// <summary>The base names missing from <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Missing(string directory) => [.. All.Where(name => Find(directory, name) is null)];

    /// <summary>Whether all four files are in <paramref name="directory"/>.</summary>
    public static bool ArePresent(string directory) => Missing(directory).Count == 0;
}
