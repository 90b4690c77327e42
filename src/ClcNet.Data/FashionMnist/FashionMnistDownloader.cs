using System.Security.Cryptography;

namespace ClcNet.Data.FashionMnist;

/// <summary>
/// Fetches the four official <c>.gz</c> files into a folder: each is streamed to a temporary file while its
/// SHA-256 is computed, checked against <see cref="FashionMnistFiles.GzipSha256"/>, and only then renamed
/// into place, so an interrupted or tampered download never looks like a finished one.
/// </summary>
public sealed class FashionMnistDownloader
{
    private const int BufferSize = 1 << 16;

    private readonly HttpClient client;
    private readonly IReadOnlyList<string> mirrors;
    private readonly IReadOnlyDictionary<string, string> expectedSha256;

    /// <summary>Downloads the official files through <paramref name="client"/>.</summary>
    public FashionMnistDownloader(HttpClient client)
        : this(client, FashionMnistFiles.Mirrors, FashionMnistFiles.GzipSha256)
    {
    }

    /// <summary>Downloads from other <paramref name="mirrors"/> and checks other sums (tests serve stand-in files).</summary>
    internal FashionMnistDownloader(HttpClient client, IReadOnlyList<string> mirrors, IReadOnlyDictionary<string, string> expectedSha256)
    {
        this.client = client;
        this.mirrors = mirrors;
        this.expectedSha256 = expectedSha256;
    }

    /// <summary>
    /// Downloads every file that <paramref name="directory"/> does not already hold with the right checksum,
    /// trying each mirror in turn.
    /// </summary>
    /// <exception cref="DatasetException">A file could not be fetched or verified from any mirror; the message says why.</exception>
    public void Download(string directory, Action<DownloadProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(directory);
        foreach (var name in FashionMnistFiles.All)
        {
            var fileName = name + ".gz";
            var target = Path.Combine(directory, fileName);
            var expected = expectedSha256[name];
            if (File.Exists(target) && Sha256Of(target) == expected)
            {
                continue;
            }

            var failures = new List<string>();
            foreach (var mirror in mirrors)
            {
                var url = mirror + fileName;
                try
                {
                    Fetch(url, fileName, target, expected, progress, cancellation);
                    failures.Clear();
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException
                                              or TaskCanceledException && !cancellation.IsCancellationRequested)
                {
                    failures.Add($"{url}: {e.Message}");
                }
            }
            if (failures.Count > 0)
            {
                throw new DatasetException($"Downloading {fileName} failed ({string.Join("; ", failures)}).");
            }
        }
    }

    private void Fetch(string url, string fileName, string target, string expectedHash,
                       Action<DownloadProgress>? progress, CancellationToken cancellation)
    {
        var temporary = $"{target}.{Guid.NewGuid():N}.part";
        try
        {
            using (var request = new HttpRequestMessage(HttpMethod.Get, url))
            using (HttpResponseMessage response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation))
            {
                response.EnsureSuccessStatusCode();
                var total = response.Content.Headers.ContentLength;
                using Stream body = response.Content.ReadAsStream(cancellation);
                using FileStream file = File.Create(temporary);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[BufferSize];
                long received = 0;
                progress?.Invoke(new DownloadProgress(fileName, 0, total));
                int read;
                while ((read = body.Read(buffer)) > 0)
                {
                    cancellation.ThrowIfCancellationRequested();
                    file.Write(buffer, 0, read);
                    hash.AppendData(buffer, 0, read);
                    received += read;
                    progress?.Invoke(new DownloadProgress(fileName, received, total));
                }
                var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (actual != expectedHash)
                {
                    throw new InvalidDataException($"its SHA-256 {actual} is not the published {expectedHash}");
                }
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Sha256Of(string path)
    {
        using FileStream file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
