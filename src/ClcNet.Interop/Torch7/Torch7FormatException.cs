namespace ClcNet.Interop.Torch7;

/// <summary>Bytes that are not a readable Torch7 binary file (truncated, corrupt, hostile, or a format this reader does not read).</summary>
public sealed class Torch7FormatException : Torch7Exception
{
    internal Torch7FormatException(string fileName, Torch7Path path, long offset, string problem)
        : base($"{fileName}: {path} (byte {offset}): {problem}", fileName, path.ToString())
    {
        Offset = offset;
    }

    /// <summary>Byte offset in the file where the unreadable item starts.</summary>
    public long Offset { get; }
}
