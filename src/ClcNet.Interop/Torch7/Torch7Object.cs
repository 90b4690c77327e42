namespace ClcNet.Interop.Torch7;

/// <summary>
/// An instance of a Torch7 class other than a tensor or storage, e.g. an <c>nn.Sequential</c> or a
/// <c>cudnn.SpatialConvolution</c>: its class name, the class version the file was written with, and its fields.
/// </summary>
public sealed class Torch7Object
{
    internal Torch7Object(string className, int version, Torch7Path location)
    {
        ClassName = className;
        Version = version;
        Location = location;
    }

    /// <summary>The Torch7 class name, e.g. <c>nn.SpatialBatchNormalization</c>.</summary>
    public string ClassName { get; }

    /// <summary>The class version in the file's <c>V n</c> header; 0 for files written before Torch7 had versions.</summary>
    public int Version { get; }

    /// <summary>
    /// The object's fields; for <c>tds.Hash</c> and <c>tds.Vec</c>, their elements (a Vec's under the keys 1 to n).
    /// Several objects may share one fields table when a file refers back to it.
    /// </summary>
    public Torch7Table Fields { get; internal set; } = null!;

    /// <summary>Where the object was first read.</summary>
    public string Path => Location.ToString();

    internal Torch7Path Location { get; }

    /// <summary>A field, or null (Lua's nil) when the object has none of that name.</summary>
    public object? this[string field] => Fields[field];

    /// <inheritdoc/>
    public override string ToString() => $"{ClassName} at {Path}";
}
