namespace ClcNet.Data;

/// <summary>An image that cannot be read or decoded; the loader reports, counts and skips it.</summary>
public sealed class ImageLoadException(string path, string reason, Exception? inner = null)
    : Exception($"{path}: {reason}", inner)
{
    /// <summary>The offending file.</summary>
    public string Path { get; } = path;

    /// <summary>Why it could not be used.</summary>
    public string Reason { get; } = reason;
}
