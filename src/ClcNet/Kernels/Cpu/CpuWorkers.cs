using TorchSharp;

namespace ClcNet.Kernels.Cpu;

/// <summary>
/// Runs the work items of a kernel on as many threads as libtorch computes with (<c>torch.get_num_threads()</c>,
/// which <c>clcgen</c> sets for the machine), with dynamic scheduling: each thread takes the next item when it is
/// done with its last, so a thread slowed by another process on its core takes fewer items instead of holding
/// the others at a barrier. The calling thread works too.
/// </summary>
internal static class CpuWorkers
{
    /// <summary>The threads a kernel call uses.</summary>
    public static int Count => Math.Max(1, torch.get_num_threads());

    /// <summary>Runs <paramref name="body"/> once for every item in [0, <paramref name="items"/>), in any order.</summary>
    public static void For(int items, Action<int> body)
    {
        int workers = Math.Min(items, Count);
        if (workers <= 1)
        {
            for (int item = 0; item < items; item++)
            {
                body(item);
            }
            return;
        }
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            for (int item = Interlocked.Increment(ref next); item < items; item = Interlocked.Increment(ref next))
            {
                body(item);
            }
        });
    }
}
