using System.CommandLine;
using System.Globalization;
using ClcNet.Cli.Options;
using ClcNet.Interop.Onnx;
using ClcNet.Training;
using ClcNet.Kernels;
using ILGPU.Runtime;

namespace ClcNet.Cli.Commands;

/// <summary>
/// <c>clcgen bench --net clcneta --kernels both --batch N</c>: images per second of inference and of a training step,
/// with the CLC blocks on libtorch and/or on the ILGPU kernels (<see cref="KernelBenchmark.RunNetwork"/>), then of inference on
/// ONNX Runtime, the network exported on the fly (<see cref="OnnxBenchmark"/>).
/// </summary>
internal sealed class BenchCommand
{
    private const int DefaultBatch = 8;
    private const int DefaultWarmup = 2;
    private const int DefaultRepeats = 5;

    private readonly StandaloneNetworkOptions network = new();

    private readonly KernelsOption kernels = KernelsOption.OneOrBoth();

    private readonly Option<int?> batch = new Option<int?>("--batch", "--batch-size")
    {
        Description = $"Random images per pass. Default: {DefaultBatch}.",
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
            "Measure images/s of inference (evaluation mode, no autograd) and of a training step (forward, backward, SGD " +
            "update) on random images, median of the timed runs after warm-up, with the CLC blocks on libtorch and/or on " +
            "the ILGPU kernels (default: clcneta, both), then inference on ONNX Runtime of the network exported to ONNX. Without a CUDA device ILGPU runs on its CPU accelerator, a slow " +
            "simulator: its numbers then say nothing about the kernels' speed, which needs CUDA.");
        network.AddTo(Command);
        kernels.AddTo(Command);
        Command.Options.Add(batch);
        Command.Options.Add(warmup);
        Command.Options.Add(repeats);
        Command.SetAction(parsed =>
        {
            ClcNetSpec spec = UnbuildableNetworkException.ThrowIfUnbuildable(network.Read(parsed));
            IReadOnlyList<ClcKernels> chosen = kernels.Read(parsed);
            foreach (ClcKernels each in chosen)
            {
                KernelSupport.Require(spec, each);
            }
            int batchSize = parsed.GetValue(batch) ?? DefaultBatch;
            int warmupRuns = parsed.GetValue(warmup) ?? DefaultWarmup;
            int timedRuns = parsed.GetValue(repeats) ?? DefaultRepeats;

            int computeThreads = ComputeThreads.Configure(loaderWorkers: 0);
            string built = ClcNetRegistry.Find(spec) is { } registered ? $"generated {registered.Type.Name}" : "built at run time";
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"=> {spec} ({built}), random {spec.InputChannels}x{spec.InputSize}x{spec.InputSize} images: median of {timedRuns} timed " +
                $"run{(timedRuns == 1 ? "" : "s")} after {warmupRuns} warm-up; libtorch on {computeThreads} compute thread{(computeThreads == 1 ? "" : "s")}"));
            if (chosen.Contains(ClcKernels.Ilgpu) && ClcAccelerator.Current.AcceleratorType == AcceleratorType.CPU)
            {
                context.Output.WriteLine("note: ILGPU found no CUDA device and runs on its CPU accelerator, a slow simulator; " +
                    "the ilgpu numbers say nothing about the kernels' speed on a GPU");
            }
            foreach (ClcKernels each in chosen)
            {
                context.Output.WriteLine(KernelBenchmark.RunNetwork(spec, batchSize, each, warmupRuns, timedRuns).ToString());
            }
            context.Output.WriteLine(OnnxBenchmark.RunNetwork(spec, batchSize, warmupRuns, timedRuns).ToString());
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
