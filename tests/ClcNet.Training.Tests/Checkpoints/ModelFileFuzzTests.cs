using ClcNet.Testing.Fuzzing;
using ClcNet.Training.Checkpoints;
using ClcNet.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Checkpoints;

/// <summary>
/// Seeded fuzzing of the model-file reader: damaged bytes, and files whose metadata or weights were edited by
/// someone who also fixed the checksums. Every case loads correctly or is a one-line <see cref="CheckpointException"/>,
/// within an allocation budget.
/// </summary>
public sealed class ModelFileFuzzTests : IDisposable
{
    private static readonly ClcNetSpec Spec = TinyNetwork.Spec();

    private readonly TemporaryDirectory folder = new();
    private readonly byte[] payload;
    private readonly Dictionary<string, Tensor> weights;
    private readonly nn.Module<Tensor, Tensor> original;

    public ModelFileFuzzTests()
    {
        torch.manual_seed(5);
        original = ClcNetRegistry.Create(Spec);
        weights = original.state_dict();
        payload = CraftedModelFiles.TinyPayload(Spec, original);
    }

    public void Dispose()
    {
        original.Dispose();
        folder.Dispose();
    }

    [Theory]
    [InlineData(false, 21)]
    [InlineData(true, 22)]
    public void DamagedFilesAreRefused(bool version1, int seed)
    {
        string valid = folder.File("valid");
        string metadata = CraftedModelFiles.Metadata(Spec, TinyNetwork.ClassNames());
        if (version1)
        {
            CraftedModelFiles.WriteVersion1(valid, metadata, payload);
        }
        else
        {
            CraftedModelFiles.WriteSigned(valid, metadata, payload);
        }

        byte[] bytes = File.ReadAllBytes(valid);
        var mutator = new ByteMutator(seed);
        var cases = new FuzzCases<CheckpointException>(MaxMessageLength);
        for (int i = 0; i < 60; i++)
        {
            (byte[]? damaged, string? what) = mutator.Mutate(bytes, focus: bytes.Length - payload.Length + 64);
            string path = folder.File($"damaged{i}");
            File.WriteAllBytes(path, damaged);
            cases.Run($"case {i} ({what})", Budget(damaged.Length), () => AssertLoadsTheOriginal(path));
        }
        cases.AssertAllEndedWell();
    }

    [Fact]
    public void EditedMetadataIsRefusedOrDescribesTheWeights()
    {
        var random = new Random(23);
        var cases = new FuzzCases<CheckpointException>(MaxMessageLength);
        int[] values = [int.MinValue, -1, 0, 1, 2, 3, 4, 7, 12, 13, 64, 1000, 100_000, 1_000_000_000, int.MaxValue];
        string[] names = ["", "class0", "two\nlines", "bell\u0007", new string('n', 300), "ok", "another"];
        for (int i = 0; i < 120; i++)
        {
            // Set one or two spec fields and maybe change the class list: a well-formed edit.
            int[] fields = [0, 0, 0, 0, Spec.Classes, Spec.InputChannels, Spec.InputSize, Spec.StemStride, Spec.GroupSize3x3, Spec.PointwiseGroups];
            var edits = new List<string>();
            for (int edit = 0; edit < 1 + random.Next(2); edit++)
            {
                int field = random.Next(fields.Length);
                fields[field] = values[random.Next(values.Length)];
                edits.Add($"field {field} = {fields[field]}");
            }
            List<string> classes = [.. TinyNetwork.ClassNames()];
            if (random.Next(3) == 0)
            {
                int at = random.Next(classes.Count);
                classes[at] = names[random.Next(names.Length)];
                edits.Add($"class {at} = '{Data.PrintableText.OneLine(classes[at], 20)}'");
            }
            if (random.Next(4) == 0)
            {
                classes = classes.Take(random.Next(6)).ToList();
                edits.Add($"{classes.Count} classes");
            }
            var spec = new ClcNetSpec(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9]);
            string json = CraftedModelFiles.Metadata(spec, classes);
            // And sometimes damage the JSON text itself.
            if (random.Next(4) == 0)
            {
                int at = random.Next(json.Length);
                json = json[..at] + (char)random.Next(0x20, 0x7F) + json[(at + 1)..];
                edits.Add($"JSON character {at} replaced");
            }
            string path = folder.File($"edited{i}");
            CraftedModelFiles.WriteSigned(path, json, payload);
            cases.Run($"case {i} ({string.Join(", ", edits)})", Budget(new FileInfo(path).Length), () =>
            {
                (nn.Module<Tensor, Tensor>? model, ModelMetadata? metadata) = ModelFile.Load(path, CPU);
                using nn.Module<Tensor, Tensor> _ = model;
                ClcNetSpec loaded = metadata.Spec;
                Assert.Null(loaded.FirstError());
                Assert.Equal(loaded.Classes, metadata.Classes.Count);
                AssertHoldsTheOriginalWeights(model);
            });
        }
        cases.AssertAllEndedWell();
    }

    [Fact]
    public void EditedWeightsAreRefusedOrLoaded()
    {
        string metadata = CraftedModelFiles.Metadata(Spec, TinyNetwork.ClassNames());
        var mutator = new ByteMutator(24);
        List<(int Offset, int Length, string Name)> fields = VarintFields();
        long[] values = [0, 1, 2, 4, 5, 6, 127, 128, 1 << 20, int.MaxValue, 1L << 40, long.MaxValue];
        var cases = new FuzzCases<CheckpointException>(MaxMessageLength);
        for (int i = 0; i < 80; i++)
        {
            // Half the cases give one of TorchSharp's varint fields (entry count, name length, type, rank, a side)
            // another value; the others damage bytes, mostly in the first entries.
            (byte[]? edited, string? what) = i % 2 == 0 ? WithField(fields[mutator.Random.Next(fields.Count)], values[mutator.Random.Next(values.Length)])
                : mutator.Mutate(payload, focus: 512);
            string path = folder.File($"weights{i}");
            CraftedModelFiles.WriteSigned(path, metadata, edited);
            cases.Run($"case {i} ({what})", Budget(edited.Length), () => ModelFile.Load(path, CPU).Model.Dispose());
        }
        cases.AssertAllEndedWell();
    }

    /// <summary>
    /// The varint fields of TorchSharp's state-dict format in <see cref="payload"/>: the entry count, then per
    /// entry its name's length (a .NET string), its element type, its rank and its sides, before its data.
    /// </summary>
    private List<(int Offset, int Length, string Name)> VarintFields()
    {
        var fields = new List<(int, int, string)>();
        int position = 0;
        long Varint(string name)
        {
            int start = position;
            long value = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte next = payload[position++];
                value |= (long)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    break;
                }
            }
            fields.Add((start, position - start, name));
            return value;
        }
        long entries = Varint("entry count");
        for (long entry = 0; entry < entries; entry++)
        {
            int nameLength = (int)Varint($"name length of entry {entry}");
            string name = System.Text.Encoding.UTF8.GetString(payload, position, nameLength);
            position += nameLength;
            Varint($"type of {name}");
            long rank = Varint($"rank of {name}");
            for (long side = 0; side < rank; side++)
            {
                Varint($"side {side} of {name}");
            }

            position += (int)(weights[name].NumberOfElements * weights[name].ElementSize);
        }
        Assert.Equal(payload.Length, position);
        return fields;
    }

    private (byte[] Bytes, string What) WithField((int Offset, int Length, string Name) field, long value)
    {
        byte[] varint = ByteMutator.Varint(value);
        return ([.. payload[..field.Offset], .. varint, .. payload[(field.Offset + field.Length)..]], $"{field.Name} = {value}");
    }

    private const int MaxMessageLength = 600;

    /// <summary>The file read, its weights copied into a network (twice over) and a few megabytes for the network itself.</summary>
    private static long Budget(long fileLength) => 4 * fileLength + (8 << 20);

    private void AssertLoadsTheOriginal(string path)
    {
        (nn.Module<Tensor, Tensor>? model, ModelMetadata? metadata) = ModelFile.Load(path, CPU);
        using nn.Module<Tensor, Tensor> _ = model;
        Assert.Equal(Spec, metadata.Spec);
        Assert.Equal(TinyNetwork.ClassNames(), metadata.Classes);
        AssertHoldsTheOriginalWeights(model);
    }

    private void AssertHoldsTheOriginalWeights(nn.Module<Tensor, Tensor> model)
    {
        foreach ((string? name, Tensor? value) in model.state_dict())
        {
            Assert.True(Tensors.Identical(weights[name], value), $"{name} differs");
        }
    }
}
