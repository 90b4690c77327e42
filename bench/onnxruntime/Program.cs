using System.CommandLine;
using System.Globalization;
using ClcNet.Cli.Benchmarking;
using Microsoft.ML.OnnxRuntime;

// The ONNX Runtime peer of `clcgen bench`: inference of an exported clcNet (bench/onnxruntime/export_onnx.py) on
// ONNX Runtime's CPU execution provider at batch N and at batch 1, printed in clcgen bench's line format.
var model = new Option<FileInfo>("--model") { Description = "The .onnx file (input [N, C, H, W], dynamic N).", Required = true };
var batch = new Option<int>("--batch") { Description = "Images per pass; batch 1 is measured too.", DefaultValueFactory = _ => 8 };
var warmup = new Option<int>("--warmup") { Description = "Untimed runs before timing.", DefaultValueFactory = _ => 2 };
var repeats = new Option<int>("--repeats") { Description = "Timed runs; the median is reported.", DefaultValueFactory = _ => 5 };
var command = new RootCommand("Images/s, ms/image and peak memory of clcNet inference on ONNX Runtime (CPU).") { model, batch, warmup, repeats };
command.SetAction(parsed =>
{
    FileInfo file = parsed.GetValue(model)!;
    int batchSize = parsed.GetValue(batch);
    int warmupRuns = parsed.GetValue(warmup);
    int timedRuns = parsed.GetValue(repeats);
    if (!file.Exists || batchSize < 1 || warmupRuns < 0 || timedRuns < 1)
    {
        Console.Error.WriteLine($"onnxruntime bench: error: {(file.Exists ? "--batch and --repeats must be at least 1, --warmup at least 0" : $"no model file {file.FullName}; write one with bench/onnxruntime/export_onnx.py")}");
        return 2;
    }

    // clcgen's compute-thread policy with no loader workers: one thread per core unless OMP_NUM_THREADS says otherwise
    // (ONNX Runtime's own thread pool does not read it).
    int threads = int.TryParse(Environment.GetEnvironmentVariable("OMP_NUM_THREADS"), out int asked) && asked > 0
        ? asked
        : Environment.ProcessorCount;
    using var options = new SessionOptions
    {
        IntraOpNumThreads = threads,
        InterOpNumThreads = 1,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
    };
    string inputName;
    int[] sampleShape;
    using (var probe = new InferenceSession(file.FullName, options))
    {
        (inputName, NodeMetadata input) = probe.InputMetadata.Single();
        sampleShape = input.Dimensions[1..];
    }
    string version = OrtEnv.Instance().GetVersionString();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"=> {file.Name}, random {string.Join('x', sampleShape)} images: median of {timedRuns} timed run{(timedRuns == 1 ? "" : "s")} " +
        $"after {warmupRuns} warm-up; ONNX Runtime {version} on {threads} intra-op thread{(threads == 1 ? "" : "s")}; peak: " +
        $"{PeakMemory.Meaning}"));

    var random = new Random(0);
    foreach (int size in batchSize == 1 ? [1] : new[] { batchSize, 1 })
    {
        long[] shape = [size, .. sampleShape.Select(side => (long)side)];
        float[] images = new float[shape.Aggregate(1L, (product, side) => product * side)];
        foreach (ref float value in images.AsSpan())
        {
            value = random.NextSingle() * 2 - 1;
        }
        using var tensor = OrtValue.CreateTensorValueFromMemory(images, shape);
        using var runOptions = new RunOptions();
        // A session per batch size, as clcgen bench builds a network per line: ONNX Runtime's arena keeps what a
        // session once allocated, so a session reused from batch N would carry batch N's peak into batch 1's.
        using var session = new InferenceSession(file.FullName, options);
        string[] outputNames = [.. session.OutputMetadata.Keys];
        var inference = PhaseMeasurement.Measure(warmupRuns, timedRuns, () =>
        {
            using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, [inputName], [tensor], outputNames);
        });
        Console.WriteLine(new BenchmarkResult("OnnxRuntime", size, inference, null, $"CPU, ONNX Runtime {version}"));
    }
    return 0;
});
return command.Parse(args).Invoke();
