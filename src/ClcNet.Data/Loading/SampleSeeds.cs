namespace ClcNet.Data.Loading;

/// <summary>
/// Derives every random stream of an epoch from (seed, epoch, index) alone, so the samples do not depend on
/// which worker loads them or when.
/// </summary>
internal static class SampleSeeds
{
    // Keeps the shuffle stream apart from the stream of any sample index.
    private const ulong ShuffleStream = ulong.MaxValue;

    /// <summary>The generator for the random transforms of dataset sample <paramref name="index"/> in <paramref name="epoch"/>.</summary>
    public static Random ForSample(int seed, int epoch, int index) => new(Mix(seed, epoch, (ulong)index));

    /// <summary>The generator that shuffles <paramref name="epoch"/>.</summary>
    public static Random ForShuffle(int seed, int epoch) => new(Mix(seed, epoch, ShuffleStream));

    private static int Mix(int seed, int epoch, ulong stream)
    {
        var state = SplitMix64((ulong)(uint)seed);
        state = SplitMix64(state ^ (ulong)(uint)epoch);
        state = SplitMix64(state ^ stream);
        return (int)(state >> 33);
    }

    // SplitMix64's finaliser: a cheap bijection that spreads nearby inputs across all 64 bits.
    private static ulong SplitMix64(ulong value)
    {
        value += 0x9E3779B97F4A7C15;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
