using System.Diagnostics;
using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>Throughput of a network or block on one kind of kernels, as <see cref="KernelBenchmark"/> measures it.</summary>
/// <param name="Kernels">The kernels the blocks ran on.</param>
/// <param name="Device">Where libtorch and ILGPU ran, e.g. <c>cpu, ILGPU CPU: CPUAccelerator</c>.</param>
/// <param name="Batch">Images per pass.</param>
/// <param name="InferenceImagesPerSecond">Evaluation mode under <c>no_grad</c>: batch / median seconds of a forward pass.</param>
/// <param name="TrainingImagesPerSecond">Batch / median seconds of a training step (forward, backward, SGD update).</param>
public sealed record KernelBenchmarkResult(ClcKernels Kernels, string Device, int Batch, double InferenceImagesPerSecond,
    double TrainingImagesPerSecond)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Kernels,-8} batch {Batch,4}  inference {InferenceImagesPerSecond,10:F2} images/s  training {TrainingImagesPerSecond,10:F2} images/s  ({Device})";
}

/// <summary>
/// Measures images per second of inference and of a training step with the blocks on libtorch or on the
/// ILGPU kernels: the median of <c>repeats</c> timed runs after <c>warmup</c> untimed ones (the first runs
/// compile the kernels). For <c>clcgen bench</c>; not a test.
/// </summary>
public static class KernelBenchmark
{
    /// <summary>Benchmarks the network of <paramref name="spec"/> (as <see cref="ClcNetRegistry.Create"/> builds it) on random images.</summary>
    public static KernelBenchmarkResult RunNetwork(ClcNetSpec spec, int batch, ClcKernels kernels, int warmup = 2, int repeats = 5)
    {
        using var scope = NewDisposeScope();
        return Run(ClcNetRegistry.Create(spec), [spec.InputChannels, spec.InputSize, spec.InputSize], batch, kernels, warmup, repeats);
    }

    /// <summary>Benchmarks one block of <paramref name="shape"/> on random <paramref name="inputSize"/>-square maps.</summary>
    public static KernelBenchmarkResult RunBlock(ClcBlockShape shape, int inputSize, int batch, ClcKernels kernels, int warmup = 2, int repeats = 5)
    {
        using var scope = NewDisposeScope();
        var block = new ClcBlock(shape);
        ReferenceInitialization.Apply(block);
        return Run(block, [shape.InChannels, inputSize, inputSize], batch, kernels, warmup, repeats);
    }

    /// <summary>Benchmarks <paramref name="network"/> on random inputs of <paramref name="sampleShape"/> (C, H, W).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The batch, warm-up or repeat count is not positive.</exception>
    public static KernelBenchmarkResult Run(nn.Module<Tensor, Tensor> network, long[] sampleShape, int batch, ClcKernels kernels,
        int warmup = 2, int repeats = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(repeats);
        using var scope = NewDisposeScope();
        Device device = cuda.is_available() ? CUDA : CPU;
        network.to(device).UseKernels(kernels);
        Tensor images = randn([batch, .. sampleShape], device: device);

        network.eval();
        double inference = MedianSeconds(warmup, repeats, device, () =>
        {
            using var noGrad = no_grad();
            network.forward(images).Dispose();
        });

        network.train();
        var optimizer = optim.SGD(network.parameters(), 0.01, momentum: 0.9);
        double training = MedianSeconds(warmup, repeats, device, () =>
        {
            using var stepScope = NewDisposeScope();
            optimizer.zero_grad();
            // Any scalar loss serves: its cost is negligible next to forward, backward and update.
            network.forward(images).square().mean().backward();
            optimizer.step();
        });

        string where = kernels == ClcKernels.Ilgpu ? $"{device.type}, {ClcAccelerator.Describe()}" : device.type.ToString();
        return new KernelBenchmarkResult(kernels, where, batch, batch / inference, batch / training);
    }

    /// <summary>
    /// The median seconds of <paramref name="repeats"/> timed calls of <paramref name="run"/> after <paramref name="warmup"/>
    /// untimed ones, waiting for <paramref name="device"/> to finish each (CUDA runs asynchronously); for other engines'
    /// benchmarks too, so that every line of <c>clcgen bench</c> is measured alike.
    /// </summary>
    public static double MedianSeconds(int warmup, int repeats, Device device, Action run)
    {
        for (int i = 0; i < warmup; i++)
        {
            run();
        }
        var seconds = new double[repeats];
        for (int i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            run();
            if (device.type == DeviceType.CUDA)
            {
                cuda.synchronize(device);
            }
            seconds[i] = clock.Elapsed.TotalSeconds;
        }
        Array.Sort(seconds);
        return repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[repeats / 2 - 1] + seconds[repeats / 2]) / 2;
    }
}
