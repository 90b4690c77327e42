using System.Globalization;
using ClcNet.Kernels;
using static TorchSharp.torch;

namespace ClcNet.Interop.Onnx;

/// <summary>Inference throughput of a network exported to ONNX and run on ONNX Runtime, as <see cref="OnnxBenchmark"/> measures it.</summary>
/// <param name="Batch">Images per pass.</param>
/// <param name="InferenceImagesPerSecond">Batch / median seconds of one run of the session.</param>
public sealed record OnnxBenchmarkResult(int Batch, double InferenceImagesPerSecond)
{
    /// <summary>The name of the engine in <c>clcgen bench</c>'s table.</summary>
    public const string Engine = "OnnxRuntime";

    /// <inheritdoc/>
    /// <remarks>Laid out as <see cref="KernelBenchmarkResult"/>'s lines; ONNX Runtime only infers, so there is no training column.</remarks>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Engine} batch {Batch,4}  inference {InferenceImagesPerSecond,10:F2} images/s  (CPU, ONNX Runtime)");
}

/// <summary>
/// Measures ONNX Runtime on a network: the network of a spec, freshly initialised, exported to a temporary .onnx file
/// (the default export: BatchNorm and interlace folded), then timed as <see cref="KernelBenchmark"/> times libtorch.
/// For <c>clcgen bench</c>; not a test.
/// </summary>
public static class OnnxBenchmark
{
    /// <summary>Benchmarks the network of <paramref name="spec"/> on random images.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch, warm-up or repeat count is not positive.</exception>
    public static OnnxBenchmarkResult RunNetwork(ClcNetSpec spec, int batch, int warmup = 2, int repeats = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        string path = Path.Combine(Path.GetTempPath(), $"clcnet-bench-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var scope = NewDisposeScope())
            {
                ClcNetOnnx.Export(ClcNetRegistry.Create(spec), spec, path);
            }
            using OnnxClassifier classifier = OnnxClassifier.Load(path);
            using Tensor images = randn(batch, spec.InputChannels, spec.InputSize, spec.InputSize);
            double seconds = KernelBenchmark.MedianSeconds(warmup, repeats, CPU, () => classifier.Run(images).Dispose());
            return new OnnxBenchmarkResult(batch, batch / seconds);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
