namespace ClcNet.Interop.Torch7;

/// <summary>A readable Torch7 file whose object tree is not a clcNet this library can load.</summary>
public sealed class Torch7ModelException : Torch7Exception
{
    internal Torch7ModelException(string fileName, Torch7Path path, string problem)
        : base($"{fileName}: {path}: {problem}", fileName, path.ToString())
    {
    }
}
