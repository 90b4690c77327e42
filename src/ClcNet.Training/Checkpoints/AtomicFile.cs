namespace ClcNet.Training.Checkpoints;

/// <summary>
/// Writes a file so that readers see either the old content or the complete new one: the bytes go to a
/// temporary file beside the target, are flushed to disk, and the temporary file is renamed over the target.
/// A crash or kill mid-write leaves at most a stray <c>*.tmp-*</c> file, never a broken target.
/// </summary>
public static class AtomicFile
{
    private const string TemporaryMarker = ".tmp-";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the target is untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        string temporary = TemporaryPath(fullPath);
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Copies <paramref name="source"/> over <paramref name="destination"/> atomically.</summary>
    public static void Copy(string source, string destination) => Write(destination, stream =>
    {
        using FileStream input = File.OpenRead(source);
        input.CopyTo(stream);
    });

    /// <summary>
    /// Deletes the temporary files that writes killed midway left in <paramref name="directory"/> (not in its
    /// subfolders). Only for a folder no other process is writing to: its writes in progress would go too.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public static int RemoveStaleTemporaries(string directory)
    {
        int removed = 0;
        foreach (string file in Directory.EnumerateFiles(directory, $"*{TemporaryMarker}*").Where(IsTemporary).ToList())
        {
            File.Delete(file);
            removed++;
        }
        return removed;
    }

    /// <summary>
    /// Creates, writes and deletes a temporary file in <paramref name="directory"/>, which proves that files can be
    /// written there (permission bits alone do not tell: they do not bind root, and a read-only mount binds everyone).
    /// </summary>
    /// <exception cref="IOException">The file cannot be created or written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to.</exception>
    public static void ProbeWritable(string directory)
    {
        string probe = TemporaryPath(Path.Combine(Path.GetFullPath(directory), "write-probe"));
        using var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        stream.WriteByte(0);
        stream.Flush(flushToDisk: true);
    }

    // Named after the target, so that a stray one says what it was for, and marked so that it can be found again.
    private static string TemporaryPath(string fullPath) => $"{fullPath}{TemporaryMarker}{Guid.NewGuid():N}";

    private static bool IsTemporary(string file)
    {
        string name = Path.GetFileName(file);
        int marker = name.LastIndexOf(TemporaryMarker, StringComparison.Ordinal);
        string suffix = marker > 0 ? name[(marker + TemporaryMarker.Length)..] : "";
        return suffix.Length == 32 && suffix.All(char.IsAsciiHexDigitLower);
    }
}
