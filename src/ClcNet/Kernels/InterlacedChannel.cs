namespace ClcNet.Kernels;

/// <summary>
/// The channel interlace as index arithmetic (docs/clcnet.md#interlace): the 3x3 output channel
/// <c>c = i*s + j</c> (group i, position j) lands at <c>j*g + i</c>. The kernels use it to store (and, for
/// gradients, to load) in interlaced order, so no permutation pass ever runs.
/// </summary>
internal static class InterlacedChannel
{
    /// <summary>Where natural channel <paramref name="channel"/> lands after <c>Interlace(C, groups)</c>.</summary>
    public static int Of(int channel, int groups, int groupSize) => channel % groupSize * groups + channel / groupSize;

    /// <summary>Which natural channel lands at <paramref name="interlaced"/>: the inverse of <see cref="Of"/>.</summary>
    public static int Source(int interlaced, int groups, int groupSize) => interlaced % groups * groupSize + interlaced / groups;
}
