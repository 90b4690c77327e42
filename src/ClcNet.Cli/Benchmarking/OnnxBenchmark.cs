using ClcNet.Interop.Onnx;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Cli.Benchmarking;

/// <summary>
/// Measures ONNX Runtime on a network, beside the kernel families: the network of a spec, freshly initialised,
/// exported to a temporary .onnx file (the default export: batch norm and interlace folded), one session per batch
/// size, timed as <see cref="KernelBenchmark"/> times libtorch. ONNX Runtime only infers: the line has no training
/// part. For <c>clcgen bench</c>; not a test.
/// </summary>
internal static class OnnxBenchmark
{
    /// <summary>The word for ONNX Runtime in <c>clcgen bench</c>'s lines.</summary>
    public const string System = "OnnxRuntime";

    /// <summary>Benchmarks the network of <paramref name="spec"/> on random images at <paramref name="batch"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch or repeat count is not positive, or the warm-up count negative.</exception>
    public static BenchmarkResult RunNetwork(ClcNetSpec spec, int batch, int warmup, int repeats)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        string path = Path.Combine(Path.GetTempPath(), $"clcnet-bench-{Guid.NewGuid():N}.onnx");
        try
        {
            using (DisposeScope scope = NewDisposeScope())
            {
                ClcNetOnnx.Export(ClcNetRegistry.Create(spec), spec, path);
            }
            // A session per line, as a network per line for the kernel families: ONNX Runtime's arena keeps what a
            // session once allocated, so a session reused from batch N would carry batch N's peak into batch 1's.
            using var classifier = OnnxClassifier.Load(path);
            using Tensor images = randn(batch, spec.InputChannels, spec.InputSize, spec.InputSize);
            var inference = PhaseMeasurement.Measure(warmup, repeats, () => classifier.Run(images).Dispose());
            return new BenchmarkResult(System, batch, inference, null, $"CPU, ONNX Runtime {OrtEnv.Instance().GetVersionString()}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
