namespace ClcNet.Interop.Models;

/// <summary>A class-names file that cannot name a model's classes: missing, unreadable, or with another number of names than outputs.</summary>
public sealed class ClassNamesException(string path, string problem) : Exception($"{path}: {problem}")
{
    /// <summary>The class-names file.</summary>
    public string FileName { get; } = path;

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; } = problem;

    /// <summary>The message, naming the caller's setting <paramref name="setting"/> (e.g. <c>--class-names</c>) that gave the file.</summary>
    public string Describe(string setting) => $"{setting} {FileName}: {Problem}";
}
