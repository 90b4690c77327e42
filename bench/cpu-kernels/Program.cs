using System.Diagnostics;
using System.Globalization;
using ClcNet;
using ClcNet.Kernels;
using ClcNet.Kernels.Cpu;
using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

// GFLOP/s of each CPU kernel of the CLC block, for every distinct block shape of clcNet-A at 224x224, against
// libtorch's operators and against sgemm (torch.matmul with the block's 1x1 multiply-adds) measured in the same
// run. The candidates of each row run alternately, round after round; medians are printed. With --cpu-time the
// clock is the process's processor time instead of wall time: on a machine shared with other work, and with
// --threads 1, it measures the kernels' efficiency without the time other processes take. Usage:
//   dotnet run --project bench/cpu-kernels -c Release -- [--batch 16] [--rounds 5] [--threads N] [--cpu-time]
//       [--block "Block(512, 512, 1, 256, 2)"] [--kernels fused,sgemm,...] [--micro-kernel]
// (--kernels runs only the named columns, e.g. to profile one; the others print as 0.)
int batch = Option("--batch", 16);
int rounds = Option("--rounds", 5);
bool cpuTime = args.Contains("--cpu-time");
string? only = OptionText("--block");
string[]? kernels = OptionText("--kernels")?.Split(',');
torch.set_num_threads(Option("--threads", torch.get_num_threads()));
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"clcNet-A shapes, batch {batch}, {torch.get_num_threads()} threads, {CpuSimd.Active}, median of {rounds} alternating rounds " +
    $"of {(cpuTime ? "processor" : "wall")} time; GFLOP/s (2 per multiply-add)");
Console.WriteLine($"{"block",-26} {"size",4} | {"fused cpu",9} {"libtorch",9} {"sgemm",7} | {"3x3 fwd",7} {"in grad",7} {"w grad",7} {"torch fwd",9} {"torch f+b",9} | {"1x1 conv",8} {"matmul",7} f+b");

if (args.Contains("--micro-kernel"))
{
    MicroKernelCeiling(rounds);
    return;
}

foreach (PlannedBlock? block in LayerPlan.For(ClcNetSpec.A).Blocks.DistinctBy(block => (ClcBlockShape.From(block), block.InputSize)))
{
    using DisposeScope scope = NewDisposeScope();
    var shape = ClcBlockShape.From(block);
    if (only is not null && shape.ToString() != only)
    {
        continue;
    }
    int size = block.InputSize, outSize = block.OutputSize, s = shape.GroupSize3x3;
    int k = shape.InChannels / shape.Groups1x1, m = shape.OutChannels / shape.Groups1x1;
    double fusedFlops = 2.0 * FusedBlockFloor.MultiplyAdds(shape, batch, size);
    double conv3x3Flops = 2.0 * batch * shape.InChannels * s * 9 * outSize * outSize;
    double pointwiseFlops = 2.0 * batch * shape.OutChannels * k * outSize * outSize;

    var model = new ClcBlock(shape);
    ReferenceInitialization.Apply(model);
    model.eval();
    Tensor input = randn(batch, shape.InChannels, size, size);
    Tensor weight = randn(shape.InChannels, s, 3, 3) * 0.1;
    Tensor gradient = randn(batch, shape.InChannels, outSize, outSize);
    var map = new FeatureMapGeometry(batch, size, size, shape.Stride);
    Tensor a = randn(m, k), b = randn(k, (long)batch * outSize * outSize);
    Tensor pointwiseInput = randn(batch, shape.InChannels, outSize, outSize);
    Tensor pointwiseWeight = (randn(shape.OutChannels, k, 1, 1) * 0.1).requires_grad_();

    var candidates = new (string Name, Action Run)[]
    {
        ("fused", () => { using IDisposable g = no_grad(); model.Kernels = ClcKernels.Cpu; model.forward(input).Dispose(); }),
        ("libtorch", () => { using IDisposable g = no_grad(); model.Kernels = ClcKernels.LibTorch; model.forward(input).Dispose(); }),
        ("sgemm", () => matmul(a, b).Dispose()),
        ("fwd", () => InterlacedConv3x3CpuForwardKernel.Run(shape, input, weight).Dispose()),
        ("ingrad", () => InterlacedConv3x3CpuInputGradientKernel.Run(shape, gradient, weight, map).Dispose()),
        ("wgrad", () => InterlacedConv3x3CpuWeightGradientKernel.Run(shape, input, gradient).Dispose()),
        ("torchfwd", () => { using IDisposable g = no_grad(); nn.functional.conv2d(input, weight, strides: [shape.Stride, shape.Stride], padding: [1, 1], groups: shape.Groups3x3).Dispose(); }),
        ("torchfb", () => TorchForwardBackward(input, weight, gradient, shape)),
        ("conv1x1", () => PointwiseStep(() => nn.functional.conv2d(pointwiseInput, pointwiseWeight, groups: shape.Groups1x1), pointwiseWeight)),
        ("matmul", () => PointwiseStep(() => GroupedPointwiseMatmul.Apply(pointwiseInput, pointwiseWeight, shape.Groups1x1), pointwiseWeight)),
    };
    double[] seconds = Medians(candidates.Select(c => kernels is null || kernels.Contains(c.Name) ? c : (c.Name, () => { })).ToArray(),
        rounds, cpuTime);
    double G(double flops, double time) => flops / time / 1e9;
    Console.WriteLine($"{shape,-26} {size,4} | {G(fusedFlops, seconds[0]),9:F1} {G(fusedFlops, seconds[1]),9:F1} {G(pointwiseFlops, seconds[2] * shape.Groups1x1),7:F1} | " +
        $"{G(conv3x3Flops, seconds[3]),7:F1} {G(conv3x3Flops, seconds[4]),7:F1} {G(conv3x3Flops, seconds[5]),7:F1} {G(conv3x3Flops, seconds[6]),9:F1} {G(3 * conv3x3Flops, seconds[7]),9:F1} | " +
        $"{G(3 * pointwiseFlops, seconds[8]),8:F1} {G(3 * pointwiseFlops, seconds[9]),7:F1}");
}

// The GEMM micro-kernel alone on operands that stay in the caches (one weight panel, tile panels of 32 KiB to
// 2 MiB): its ceiling, and how it falls as its tile streams from L2 and beyond.
static unsafe void MicroKernelCeiling(int rounds)
{
    const int depth = 256;
    int rows = PointwiseGemmMicroKernel.Rows;
    float[] a = GC.AllocateArray<float>(depth * rows, pinned: true);
    float[] bias = GC.AllocateArray<float>(rows, pinned: true);
    foreach (int panels in new[] { 1, 4, 16, 64 })
    {
        float[] b = GC.AllocateArray<float>(panels * depth * 32 + 64, pinned: true);
        float[] output = GC.AllocateArray<float>(rows * panels * 32, pinned: true);
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (float)(i % 7) - 3;
        }
        fixed (float* pa = a, pb = b, pbias = bias, pout = output)
        {
            float* aa = pa, bb = pb, bi = pbias, oo = pout;
            int count = panels;
            var job = new GemmSweep(aa, bb, depth, bi, oo, count);
            double best = double.MaxValue;
            for (int round = 0; round < rounds * 20; round++)
            {
                var clock = Stopwatch.StartNew();
                for (int repeat = 0; repeat < 64 / panels + 1; repeat++)
                {
                    CpuSimd.Run(job);
                }
                best = Math.Min(best, clock.Elapsed.TotalSeconds / (64 / panels + 1));
            }
            Console.WriteLine($"micro-kernel {rows}x32, depth {depth}, tile of {panels * depth * 32 * 4 / 1024} KiB: {2.0 * rows * 32 * depth * panels / best / 1e9:F1} GFLOP/s (best of {rounds * 20})");
        }
    }
}

// libtorch's 3x3 grouped convolution, forward and both gradients (three times the forward's multiply-adds).
static void TorchForwardBackward(Tensor input, Tensor weight, Tensor gradient, ClcBlockShape shape)
{
    using DisposeScope scope = NewDisposeScope();
    Tensor x = input.requires_grad_(), w = weight.detach().requires_grad_();
    nn.functional.conv2d(x, w, strides: [shape.Stride, shape.Stride], padding: [1, 1], groups: shape.Groups3x3).backward([gradient]);
    input.requires_grad_(false);
}

// One training use of the 1x1 convolution: forward, then the gradients of input and weight.
static void PointwiseStep(Func<Tensor> forward, Tensor weight)
{
    using DisposeScope scope = NewDisposeScope();
    Tensor output = forward();
    output.backward([ones_like(output)]);
    weight.grad?.zero_();
}

static double[] Medians((string Name, Action Run)[] candidates, int rounds, bool cpuTime)
{
    foreach ((string Name, Action Run) candidate in candidates)
    {
        candidate.Run();
    }
    List<double>[] times = candidates.Select(_ => new List<double>()).ToArray();
    for (int round = 0; round < rounds; round++)
    {
        for (int i = 0; i < candidates.Length; i++)
        {
            TimeSpan processor = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            candidates[i].Run();
            times[i].Add(cpuTime ? (Process.GetCurrentProcess().TotalProcessorTime - processor).TotalSeconds : clock.Elapsed.TotalSeconds);
        }
    }
    return times.Select(list => list.Order().ElementAt(list.Count / 2)).ToArray();
}

int Option(string name, int fallback) => OptionText(name) is string text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

internal readonly unsafe struct GemmSweep(float* a, float* b, int depth, float* bias, float* output, int panels) : ISimdJob
{
    public void Run<TSimd, TVector>()
        where TSimd : struct, ISimd<TVector>
        where TVector : unmanaged
    {
        for (int panel = 0; panel < panels; panel++)
        {
            PointwiseGemmMicroKernel.Run<TSimd, TVector>(a, b + panel * depth * 32, 32, depth, bias, output + panel * 32, panels * 32,
                PointwiseGemmMicroKernel.Rows, 32);
        }
    }
}
