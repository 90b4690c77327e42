using System.Text;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Tests.Support;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Checkpoints;

/// <summary>Weights edited behind valid checksums are checked against the network before TorchSharp reads them.</summary>
public sealed class StateDictPayloadTests : IDisposable
{
    private static readonly ClcNetSpec Spec = TinyNetwork.Spec();

    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    // The payload starts with the entry count, then "stem.conv.weight" (length 16), type 6 (float32), rank 4, sides 32 1 3 3.
    private const int RankOffset = 1 + 1 + 16 + 1;

    [Fact]
    public void AHugeRankIsRefusedBeforeAnythingIsAllocatedForIt()
    {
        byte[] payload = CraftedModelFiles.TinyPayload(Spec);
        Assert.Equal(4, payload[RankOffset]);
        // 2^31 - 1 as a varint: TorchSharp would allocate an array of that many longs (found by ModelFileFuzzTests).
        string path = Signed([.. payload[..RankOffset], 0xFF, 0xFF, 0xFF, 0xFF, 0x07, .. payload[(RankOffset + 1)..]]);
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(path, CPU));

        Assert.Equal($"{path}: its weights do not fit the network it describes (tensor 'stem.conv.weight' does not have rank 4); use a file written by clcgen train", error.Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 4 * new FileInfo(path).Length + (8 << 20));
    }

    [Fact]
    public void ASideOfAnotherLengthIsNamed()
    {
        byte[] payload = CraftedModelFiles.TinyPayload(Spec);
        payload[RankOffset + 1] = 31;

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(Signed(payload), CPU));

        Assert.Contains("(tensor 'stem.conv.weight' is not of shape [32, 1, 3, 3])", error.Message);
    }

    [Fact]
    public void AnUnknownTensorNameIsQuotedPrintably()
    {
        byte[] payload = CraftedModelFiles.TinyPayload(Spec);
        Encoding.ASCII.GetBytes("stem\nconv\u0001weight").CopyTo(payload, 2);

        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(Signed(payload), CPU));

        Assert.Contains("(it holds a tensor 'stem conv\\u0001weight' that the network does not have)", error.Message);
    }

    [Fact]
    public void BytesAfterTheLastTensorAreRefused()
    {
        CheckpointException error = Assert.Throws<CheckpointException>(() => ModelFile.Load(Signed([.. CraftedModelFiles.TinyPayload(Spec), 0, 0, 0]), CPU));

        Assert.Contains("(it has 3 bytes after its last tensor)", error.Message);
    }

    private string Signed(byte[] payload)
    {
        string path = folder.File($"model_{Guid.NewGuid():N}");
        CraftedModelFiles.WriteSigned(path, CraftedModelFiles.Metadata(Spec, TinyNetwork.ClassNames()), payload);
        return path;
    }
}
