namespace ClcNet.Kernels.Cpu;

/// <summary>
/// The channel groups of a convolution cut into <see cref="Count"/> runs of consecutive groups, each with at least
/// <c>minimumWork</c> of work when the groups allow, so that a work item is worth scheduling.
/// </summary>
internal readonly record struct GroupRuns(int Count, int Groups)
{
    /// <summary>Runs of <paramref name="groups"/> groups that each cost <paramref name="workPerGroup"/>.</summary>
    public static GroupRuns For(int groups, long workPerGroup, long minimumWork)
    {
        int count = (int)Math.Clamp(groups * workPerGroup / Math.Max(1, minimumWork), 1, groups);
        return new GroupRuns(count, groups);
    }

    /// <summary>The first group of run <paramref name="run"/>.</summary>
    public int First(int run) => (int)((long)run * Groups / Count);

    /// <summary>One past the last group of run <paramref name="run"/>.</summary>
    public int End(int run) => First(run + 1);
}
