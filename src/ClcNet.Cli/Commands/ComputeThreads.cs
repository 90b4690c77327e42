using TorchSharp;

namespace ClcNet.Cli.Commands;

/// <summary>
/// How many threads libtorch computes with. Its default, one per core, leaves no core for the loader's workers,
/// and on a busy machine an oversubscribed OpenMP team spends most of its time waiting (measured on two cores:
/// about 320 images/s with one compute thread, 50 to 90 with two while other processes ran; README). So unless
/// <c>OMP_NUM_THREADS</c> says otherwise, compute gets the cores the workers leave, and at least one.
/// </summary>
internal static class ComputeThreads
{
    /// <summary>Sets libtorch's thread count for <paramref name="loaderWorkers"/> loader threads and returns it.</summary>
    public static int Configure(int loaderWorkers)
    {
        if (Environment.GetEnvironmentVariable("OMP_NUM_THREADS") is null)
        {
            torch.set_num_threads(Math.Max(1, Environment.ProcessorCount - loaderWorkers));
        }
        return torch.get_num_threads();
    }
}
