using ClcNet.Kernels;
using ClcNet.Kernels.Cpu;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Cli.Benchmarking;

/// <summary>
/// Measures a network with its CLC blocks on one kernel family: images per second and peak memory of inference
/// (evaluation mode under <c>no_grad</c>) and of a training step (forward, backward, SGD update) on random
/// images, the median of the timed runs after warm-up (the first runs compile the ILGPU kernels). For
/// <c>clcgen bench</c>; not a test.
/// </summary>
internal static class KernelBenchmark
{
    /// <summary>Benchmarks a freshly initialised network of <paramref name="spec"/> (as <see cref="ClcNetRegistry.Create"/> builds it) at <paramref name="batch"/>.</summary>
    public static BenchmarkResult RunNetwork(ClcNetSpec spec, int batch, ClcKernels kernels, int warmup, int repeats)
    {
        using DisposeScope scope = NewDisposeScope();
        return Run(ClcNetRegistry.Create(spec), [spec.InputChannels, spec.InputSize, spec.InputSize], batch, kernels, warmup, repeats);
    }

    /// <summary>Benchmarks <paramref name="network"/> on random inputs of <paramref name="sampleShape"/> (C, H, W).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch or repeat count is not positive, or the warm-up count negative.</exception>
    public static BenchmarkResult Run(nn.Module<Tensor, Tensor> network, long[] sampleShape, int batch, ClcKernels kernels,
        int warmup, int repeats)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        using DisposeScope scope = NewDisposeScope();
        Device device = DeviceFor(kernels);
        network.to(device).UseKernels(kernels);
        Tensor images = randn([batch, .. sampleShape], device: device);
        Action? wait = device.type == DeviceType.CUDA ? () => cuda.synchronize(device) : null;

        network.eval();
        var inference = PhaseMeasurement.Measure(warmup, repeats, () =>
        {
            using IDisposable noGrad = no_grad();
            network.forward(images).Dispose();
        }, wait);

        network.train();
        SGD optimizer = optim.SGD(network.parameters(), 0.01, momentum: 0.9);
        var training = PhaseMeasurement.Measure(warmup, repeats, () =>
        {
            using DisposeScope stepScope = NewDisposeScope();
            optimizer.zero_grad();
            // Any scalar loss serves: its cost is negligible next to forward, backward and update.
            network.forward(images).square().mean().backward();
            optimizer.step();
        }, wait);

        string where = kernels switch
        {
            ClcKernels.Ilgpu => $"{device.type}, {ClcAccelerator.Describe()}",
            ClcKernels.Cpu => $"{device.type}, {CpuKernels.Describe()}",
            _ => device.type.ToString(),
        };
        return new BenchmarkResult(kernels.ToString(), batch, inference, training, where);
    }

    /// <summary>Where <paramref name="kernels"/> are measured: the CPU kernels on the CPU, the others on CUDA when there is a device.</summary>
    public static Device DeviceFor(ClcKernels kernels) => kernels != ClcKernels.Cpu && cuda.is_available() ? CUDA : CPU;
}
