namespace ClcNet.Interop.Torch7;

/// <summary>
/// A Torch7 file that cannot be used: <see cref="Torch7FormatException"/> when it cannot be read,
/// <see cref="Torch7ModelException"/> when it is readable but not a clcNet. The message is one printable line
/// that names the file, where in its object tree the problem sits and what was expected.
/// </summary>
public abstract class Torch7Exception(string message, string fileName, string path) : Exception(message)
{
    /// <summary>The file (or the name given for the bytes) that was read.</summary>
    public string FileName { get; } = fileName;

    /// <summary>Where in the object tree the problem sits, e.g. <c>modules[5].modules[3].weight</c>; <c>&lt;top level&gt;</c> for the root.</summary>
    public string Path { get; } = path;
}
