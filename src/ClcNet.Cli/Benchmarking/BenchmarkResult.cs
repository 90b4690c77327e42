using System.Globalization;

namespace ClcNet.Cli.Benchmarking;

/// <summary>
/// One line of <c>clcgen bench</c> (and of the peers in <c>bench/</c>, which print the same format so that
/// <c>bench/compare.py</c> reads them all): a system at one batch size, its inference and, where it trains, its
/// training step.
/// </summary>
/// <param name="System">What ran the network, one word: a kernel family (<c>LibTorch</c>, <c>Ilgpu</c>, ...) or a peer.</param>
/// <param name="Batch">Images per pass.</param>
/// <param name="Inference">Evaluation mode without autograd.</param>
/// <param name="Training">Forward, backward and SGD update; null for an inference engine.</param>
/// <param name="Device">Where it ran, e.g. <c>CPU</c> or <c>CPU, ILGPU CPU: CPUAccelerator</c>.</param>
internal sealed record BenchmarkResult(string System, int Batch, PhaseMeasurement Inference, PhaseMeasurement? Training, string Device)
{
    /// <summary>
    /// <c>LibTorch    batch   16  inference     28.10 images/s     35.59 ms/image  peak   612.0 MiB  training ...  (CPU)</c>:
    /// images/s is batch / median seconds of a pass, ms/image its inverse (at batch 1, the latency).
    /// </summary>
    public override string ToString()
    {
        string training = Training is { } step ? $"  training {Phase(step)}" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{System,-11} batch {Batch,4}  inference {Phase(Inference)}{training}  ({Device})");
    }

    private string Phase(PhaseMeasurement phase) => string.Create(CultureInfo.InvariantCulture,
        $"{Batch / phase.MedianSeconds,9:F2} images/s {phase.MedianSeconds * 1000 / Batch,9:F2} ms/image  peak {phase.PeakBytes / 1048576.0,7:F1} MiB");
}
