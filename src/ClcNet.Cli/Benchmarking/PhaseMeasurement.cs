using System.Diagnostics;

namespace ClcNet.Cli.Benchmarking;

/// <summary>One measured phase (inference or a training step) at one batch size.</summary>
/// <param name="MedianSeconds">Median wall-clock seconds of one pass over the timed runs.</param>
/// <param name="PeakBytes">The process's peak resident memory while the phase ran, warm-up included (<see cref="PeakMemory"/>).</param>
internal readonly record struct PhaseMeasurement(double MedianSeconds, long PeakBytes)
{
    /// <summary>
    /// Runs <paramref name="pass"/> <paramref name="warmup"/> times untimed, then <paramref name="repeats"/> times timed,
    /// each timed pass followed by <paramref name="wait"/> (e.g. a CUDA synchronize) inside its time, with the peak
    /// memory restarted first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The warm-up count is negative or the repeat count not positive.</exception>
    public static PhaseMeasurement Measure(int warmup, int repeats, Action pass, Action? wait = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        PeakMemory.Reset();
        for (int i = 0; i < warmup; i++)
        {
            pass();
        }
        var seconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            long start = Stopwatch.GetTimestamp();
            pass();
            wait?.Invoke();
            seconds[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(seconds);
        double median = repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
        return new PhaseMeasurement(median, PeakMemory.PeakBytes());
    }
}
