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

    [Fact]
    public void RemovesOnlyTheTemporaryFilesOfKilledWrites()
    {
        string stale = folder.File($"model_3.tmp-{Guid.NewGuid():N}");
        File.WriteAllText(stale, "half a model");
        string[] kept = [folder.File("model_2"), folder.File("notes.tmp-mine"), folder.File($"x.tmp-{new string('A', 32)}")];
        foreach (string file in kept)
        {
            File.WriteAllText(file, "keep");
        }
        Directory.CreateDirectory(folder.File("sub"));
        string nested = folder.File($"sub/latest.tmp-{Guid.NewGuid():N}");
        File.WriteAllText(nested, "not in this folder");

        Assert.Equal(1, AtomicFile.RemoveStaleTemporaries(folder.Path));

        Assert.Equal(kept.Order(), Directory.GetFiles(folder.Path).Order());
        Assert.True(File.Exists(nested));
    }

    [Fact]
    public void AWritableProbeLeavesNothingBehind()
    {
        AtomicFile.ProbeWritable(folder.Path);

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public void AProbeWhereNoFileCanBeCreatedFails() =>
        // /proc takes no new files, whoever asks (permission bits would not stop root, who runs these tests in CI).
        Assert.ThrowsAny<IOException>(() => AtomicFile.ProbeWritable("/proc"));
}
