using System.Text;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Tests.Support;
using TorchSharp;

namespace ClcNet.Training.Tests.Checkpoints;

public sealed class CheckpointFileTests : IDisposable
{
    private readonly TemporaryDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xE3069283u)] // the standard CRC-32C check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x22620404u)]
    public void TheReferenceCrc32CMatchesKnownValues(string text, uint expected) =>
        Assert.Equal(expected, Crc32CReference.Compute(Encoding.ASCII.GetBytes(text)));

    [Fact]
    public void TheHeaderHoldsThePayloadsLengthAndCrc32CAndItsOwnCrc32C()
    {
        string path = folder.File("model_1");
        using (torch.nn.Module<torch.Tensor, torch.Tensor> network = ClcNetRegistry.Create(TinyNetwork.Spec()))
        {
            ModelFile.Save(path, network, ModelMetadata.For(TinyNetwork.Spec(), TinyNetwork.ClassNames()));
        }

        // Format 2: magic, version, kind, metadata, payload length, payload CRC-32C, header CRC-32C, payload.
        byte[] file = File.ReadAllBytes(path);
        using var reader = new BinaryReader(new MemoryStream(file), Encoding.UTF8);
        Assert.Equal("ClcNet.NET checkpoint\n"u8.ToArray(), reader.ReadBytes(22));
        Assert.Equal(2, reader.ReadInt32());
        Assert.Equal("model", reader.ReadString());
        reader.ReadString();
        long length = reader.ReadInt64();
        uint checksum = reader.ReadUInt32();
        int headerLength = (int)reader.BaseStream.Position;
        Assert.Equal(Crc32CReference.Compute(file[..headerLength]), reader.ReadUInt32());
        byte[] payload = reader.ReadBytes(checked((int)length));
        Assert.Equal(reader.BaseStream.Length, reader.BaseStream.Position);
        Assert.Equal(Crc32CReference.Compute(payload), checksum);
    }
}
