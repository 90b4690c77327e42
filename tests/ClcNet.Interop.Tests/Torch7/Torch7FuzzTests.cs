using ClcNet.Interop.Tests.Torch7.Support;
using ClcNet.Interop.Torch7;

namespace ClcNet.Interop.Tests.Torch7;

/// <summary>
/// Seeded mutations (byte flips, truncations, counts and lengths made huge or wrong, layer numbers made odd) of a real Torch7 file
/// and of a clcNet file: each one loads correctly or ends in a one-line Torch7 error; none crashes, hangs or
/// allocates more than a small multiple of the file's size.
/// </summary>
public sealed class Torch7FuzzTests
{
    private const int Mutations = 300;

    // What a load may allocate: the weights as float arrays (at most 4 bytes per file byte) and the reader's
    // tables, boxed numbers and strings (a few dozen bytes per entry of at least 12 file bytes), plus slack.
    private const long AllocatedBytesPerFileByte = 16;
    private const long AllocationSlack = 1 << 20;

    private static readonly int[] HugeInt32s = [int.MaxValue, int.MinValue, -1, 1 << 30, 0x10000000, 0];
    private static readonly long[] HugeInt64s = [long.MaxValue, long.MinValue, -1, 1L << 40, int.MaxValue, 0];
    private static readonly double[] OddNumbers = [double.NaN, double.PositiveInfinity, -1, 0, 0.5, 1e300, 3, 1024];

    [Fact]
    public void Mutations_of_a_real_fixture_end_in_a_load_or_a_clear_error()
    {
        byte[] file = File.ReadAllBytes(Fixtures.Path("gmodule_with_linear_identity.t7"));
        Dictionary<string, int> outcomes = Fuzz(file, countFields: [], numberFields: [], seed: 1);
        Assert.True(outcomes.GetValueOrDefault(nameof(Torch7FormatException)) > Mutations / 10, string.Join(", ", outcomes));
    }

    [Fact]
    public void Mutations_of_a_clcnet_file_end_in_a_load_or_a_clear_error()
    {
        var encoding = new Torch7Encoding("fuzzed") { DataParallel = true, FlatStorage = true, RunningStd = true };
        Torch7Writer writer = ClcNetTorch7File.Writer(ReferenceModel.Gray, encoding);
        byte[] file = writer.Bytes;
        using (Torch7Model.Load(file, "intact.t7"))
        {
        }
        Dictionary<string, int> outcomes = Fuzz(file, writer.CountFields, writer.NumberFields, seed: 2);
        // The mutations must reach the reader's checks, the mapper's, and leave some files loadable.
        Assert.True(outcomes.GetValueOrDefault(nameof(Torch7FormatException)) > Mutations / 10, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(Torch7ModelException)) > Mutations / 10, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault("loaded") > 0, string.Join(", ", outcomes));
    }

    private static Dictionary<string, int> Fuzz(byte[] original, IReadOnlyList<(int Offset, int Width)> countFields, IReadOnlyList<int> numberFields, int seed)
    {
        var random = new Random(seed);
        var outcomes = new Dictionary<string, int>();
        // One thread for the whole run, so that its allocation counter sees every load; a hang fails the test.
        var run = Task.Run(() =>
        {
            for (int i = 0; i < Mutations; i++)
            {
                (byte[] mutated, string mutation) = Mutate(original, countFields, numberFields, random);
                string outcome = LoadOnce(mutated, $"mutation {i} of seed {seed} ({mutation})");
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });
        Assert.True(run.Wait(TimeSpan.FromMinutes(10)), "the fuzz run hung");
        run.GetAwaiter().GetResult();
        return outcomes;
    }

    private static string LoadOnce(byte[] file, string what)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        string outcome;
        try
        {
            using var model = Torch7Model.Load(file, "fuzzed.t7");
            outcome = "loaded";
        }
        catch (Torch7Exception error)
        {
            Assert.True(error.Message.All(c => !char.IsControl(c)), $"{what}: the message is not one printable line: {error.Message}");
            outcome = error.GetType().Name;
        }
        catch (Exception error)
        {
            Assert.Fail($"{what}: {error.GetType().Name}: {error.Message}");
            throw;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long limit = AllocatedBytesPerFileByte * file.Length + AllocationSlack;
        Assert.True(allocated <= limit, $"{what}: allocated {allocated} bytes for a file of {file.Length}");
        return outcome;
    }

    private static (byte[] Bytes, string Mutation) Mutate(byte[] original, IReadOnlyList<(int Offset, int Width)> countFields,
        IReadOnlyList<int> numberFields, Random random)
    {
        byte[] bytes = original.ToArray();
        switch (random.Next(numberFields.Count > 0 ? 5 : 4))
        {
            case 0:
                int flips = random.Next(1, 5);
                var positions = Enumerable.Range(0, flips).Select(_ => StructurePosition(bytes.Length, countFields, random)).ToArray();
                foreach (int position in positions)
                {
                    bytes[position] ^= (byte)random.Next(1, 256);
                }
                return (bytes, $"flipped bytes {string.Join(", ", positions)}");
            case 1:
                int length = random.Next(bytes.Length);
                return (bytes[..length], $"truncated to {length} bytes");
            case 2 or 3:
                (int offset, int width) = countFields.Count > 0 && random.Next(4) > 0
                    ? countFields[random.Next(countFields.Count)]
                    : (random.Next(bytes.Length - 8), random.Next(2) == 0 ? 4 : 8);
                // Half the time a huge or negative value, half the time a small wrong one (indices, counts off by a few).
                long value = random.Next(2) == 0
                    ? width == 4 ? HugeInt32s[random.Next(HugeInt32s.Length)] : HugeInt64s[random.Next(HugeInt64s.Length)]
                    : random.Next(-2, 40);
                if (width == 4)
                {
                    BitConverter.TryWriteBytes(bytes.AsSpan(offset), (int)value);
                }
                else
                {
                    BitConverter.TryWriteBytes(bytes.AsSpan(offset), value);
                }
                return (bytes, $"set the {width}-byte field at {offset} to {value}");
            case 4:
                // A layer's kW, groups, nInputPlane, eps, ... made odd: the mapper's checks.
                int number = numberFields[random.Next(numberFields.Count)];
                double odd = OddNumbers[random.Next(OddNumbers.Length)];
                BitConverter.TryWriteBytes(bytes.AsSpan(number), odd);
                return (bytes, $"set the number at {number} to {odd}");
            default:
                throw new InvalidOperationException();
        }
    }

    // A random byte, or four times in five one near a count, length or index (flipping a weight only changes a weight).
    private static int StructurePosition(int length, IReadOnlyList<(int Offset, int Width)> countFields, Random random) =>
        countFields.Count > 0 && random.Next(5) > 0
            ? Math.Clamp(countFields[random.Next(countFields.Count)].Offset + random.Next(-6, 10), 0, length - 1)
            : random.Next(length);
}
