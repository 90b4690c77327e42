namespace ClcNet.Interop.Tests.Support;

/// <summary>A folder of its own for a test's files, deleted with them on dispose.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("clcnet-interop-");

    public string File(string name) => Path.Combine(folder.FullName, name);

    public void Dispose() => folder.Delete(recursive: true);
}
