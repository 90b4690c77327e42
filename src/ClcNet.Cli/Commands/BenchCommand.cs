using System.CommandLine;
using System.Globalization;
using ClcNet.Cli.Benchmarking;
using ClcNet.Cli.Options;
using ClcNet.Kernels;
using ClcNet.Training;
using ILGPU.Runtime;

namespace ClcNet.Cli.Commands;

/// <summary>
/// <c>clcgen bench --net clcneta --kernels all --batch N</c>: images per second, time per image and peak memory of
/// inference and of a training step, for each kernel family (libtorch, ILGPU, CPU) at batch N and at batch 1 (latency)
/// (<see cref="KernelBenchmark"/>), then of inference on ONNX Runtime, the network exported on the fly
/// (<see cref="OnnxBenchmark"/>). The peers in <c>bench/</c> print the same lines.
/// </summary>
internal sealed class BenchCommand
{
    private const int DefaultBatch = 8;
    private const int DefaultWarmup = 2;
    private const int DefaultRepeats = 5;

    private readonly StandaloneNetworkOptions network = new();

    private readonly KernelsOption kernels = KernelsOption.OneOrAll();

    private readonly Option<int?> batch = new Option<int?>("--batch", "--batch-size")
    {
        Description = $"Random images per pass; batch 1 (latency) is measured too. Default: {DefaultBatch}.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<int?> warmup = new Option<int?>("--warmup")
    {
        Description = $"Untimed runs before timing (the first runs compile the ILGPU kernels). Default: {DefaultWarmup}.",
        HelpName = "N",
    }.AtLeast(0);

    private readonly Option<int?> repeats = new Option<int?>("--repeats")
    {
        Description = $"Timed runs; the median is reported. Default: {DefaultRepeats}.",
        HelpName = "N",
    }.AtLeast(1);

    public BenchCommand(CliContext context)
    {
        Command = new Command("bench",
            "Measure inference (evaluation mode, no autograd) and a training step (forward, backward, SGD update) on " +
            "random images, at the batch asked for and at batch 1: images/s and ms/image from the median of the timed " +
            "runs after warm-up, and the process's peak resident memory during each (default: clcneta, all kernel " +
            "families, then ONNX Runtime on the network exported to ONNX). Without a CUDA device ILGPU runs on its CPU accelerator, a slow simulator: all then leaves it " +
            "out, and --kernels ilgpu measures it anyway, numbers that say nothing about the kernels' speed on a GPU.");
        network.AddTo(Command);
        kernels.AddTo(Command);
        Command.Options.Add(batch);
        Command.Options.Add(warmup);
        Command.Options.Add(repeats);
        Command.SetAction(parsed =>
        {
            ClcNetSpec spec = UnbuildableNetworkException.ThrowIfUnbuildable(network.Read(parsed));
            List<ClcKernels> chosen = [.. kernels.ReadAll(parsed)];
            foreach (ClcKernels each in chosen)
            {
                KernelSupport.Require(spec, each, KernelBenchmark.DeviceFor(each).type);
            }
            int batchSize = parsed.GetValue(batch) ?? DefaultBatch;
            int warmupRuns = parsed.GetValue(warmup) ?? DefaultWarmup;
            int timedRuns = parsed.GetValue(repeats) ?? DefaultRepeats;

            int computeThreads = ComputeThreads.Configure(loaderWorkers: 0);
            string built = ClcNetRegistry.Find(spec) is { } registered ? $"generated {registered.Type.Name}" : "built at run time";
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"=> {spec} ({built}), random {spec.InputChannels}x{spec.InputSize}x{spec.InputSize} images: median of {timedRuns} timed " +
                $"run{(timedRuns == 1 ? "" : "s")} after {warmupRuns} warm-up; libtorch on {computeThreads} compute thread{(computeThreads == 1 ? "" : "s")}; " +
                $"peak: {PeakMemory.Meaning}"));
            if (chosen.Contains(ClcKernels.Ilgpu) && ClcAccelerator.Current.AcceleratorType == AcceleratorType.CPU)
            {
                if (kernels.AsksForAll(parsed))
                {
                    chosen.Remove(ClcKernels.Ilgpu);
                    context.Output.WriteLine("note: ILGPU found no CUDA device, so ilgpu is left out (its CPU accelerator is a slow " +
                        "simulator); --kernels ilgpu measures it anyway");
                }
                else
                {
                    context.Output.WriteLine("note: ILGPU found no CUDA device and runs on its CPU accelerator, a slow simulator; " +
                        "the ilgpu numbers say nothing about the kernels' speed on a GPU");
                }
            }
            int[] batches = batchSize == 1 ? [1] : [batchSize, 1];
            foreach (ClcKernels each in chosen)
            {
                foreach (int size in batches)
                {
                    context.Output.WriteLine(KernelBenchmark.RunNetwork(spec, size, each, warmupRuns, timedRuns).ToString());
                }
            }
            foreach (int size in batches)
            {
                context.Output.WriteLine(OnnxBenchmark.RunNetwork(spec, size, warmupRuns, timedRuns).ToString());
            }
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
