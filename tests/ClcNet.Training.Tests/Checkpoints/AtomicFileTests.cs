using ClcNet.Training.Checkpoints;

namespace ClcNet.Training.Tests.Checkpoints;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void AFailedWriteLeavesTheOldFileAndNoTemporaryFile()
    {
        string path = folder.File("latest");
        File.WriteAllText(path, "old content");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new cont"u8);
            throw new IOException("killed mid-write");
        }));

        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void ASuccessfulWriteReplacesTheFile()
    {
        string path = folder.File("latest");
        File.WriteAllText(path, "old content");

        AtomicFile.WriteAllText(path, "new content");

        Assert.Equal("new content", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void CreatesTheFolder()
    {
        string path = Path.Combine(folder.Path, "a", "b", "metrics.csv");
        AtomicFile.WriteAllText(path, "x");
        Assert.Equal("x", File.ReadAllText(path));
    }
}
