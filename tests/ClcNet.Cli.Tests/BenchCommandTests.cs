using System.Globalization;
using System.Text.RegularExpressions;
using ClcNet.Cli;

namespace ClcNet.Cli.Tests;

/// <summary>
/// <c>clcgen bench</c> end to end on the smallest network (ILGPU's CPU accelerator is a slow simulator): the lines,
/// their fields and their order. No timing assertion: only that the numbers are there and consistent.
/// </summary>
public sealed partial class BenchCommandTests
{
    private static readonly string[] TinyNetwork =
        ["bench", "-a", "0", "-b", "0", "-c", "0", "-d", "0", "--input-size", "28", "--input-channels", "1", "--classes", "10",
            "--warmup", "0", "--repeats", "1"];

    private static readonly string Header =
        "=> clcNet(0, 0, 0, 0, Classes = 10, InputChannels = 1, InputSize = 28) (generated FashionMnistNet), random 1x28x28 images: " +
        "median of 1 timed run after 0 warm-up; libtorch on ";

    [Theory]
    [InlineData]
    [InlineData("--kernels", "all")]
    public void AllMeasuresEveryFamilyButTheIlgpuSimulatorAtTheBatchAndAtBatch1(params string[] kernels)
    {
        (int exitCode, string? output, string? error) = CliRun.Run([.. TinyNetwork, "--batch", "3", .. kernels]);

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = Lines(output);
        Assert.StartsWith(Header, lines[0]);
        Assert.EndsWith("; peak: the process's peak RSS during each phase", lines[0]);
        Assert.Equal("note: ILGPU found no CUDA device, so ilgpu is left out (its CPU accelerator is a slow simulator); " +
            "--kernels ilgpu measures it anyway", lines[1]);
        ClcKernels[] measured = Enum.GetValues<ClcKernels>().Where(family => family != ClcKernels.Ilgpu).ToArray();
        Assert.Equal(2 + 2 * measured.Length + 2, lines.Length);
        for (int i = 0; i < measured.Length; i++)
        {
            AssertResult(lines[2 + 2 * i], measured[i].ToString(), batch: 3, DeviceOf(measured[i]));
            AssertResult(lines[3 + 2 * i], measured[i].ToString(), batch: 1, DeviceOf(measured[i]));
        }
        AssertOnnxRuntimeResult(lines[^2], batch: 3);
        AssertOnnxRuntimeResult(lines[^1], batch: 1);
    }

    [Fact]
    public void IlgpuByNameRunsOnTheSimulatorWithANoteAndBatch1IsOneLine()
    {
        (int exitCode, string? output, string? error) = CliRun.Run([.. TinyNetwork, "--batch", "1", "--kernels", "ilgpu"]);

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = Lines(output);
        Assert.StartsWith(Header, lines[0]);
        Assert.StartsWith("note: ILGPU found no CUDA device and runs on its CPU accelerator, a slow simulator", lines[1]);
        AssertResult(lines[2], "Ilgpu", batch: 1, "CPU, ILGPU CPU: CPUAccelerator");
        AssertOnnxRuntimeResult(lines[3], batch: 1);
        Assert.Equal(4, lines.Length);
    }

    [Fact]
    public void LibTorchAloneNeedsNoSimulatorNoteAndOnnxRuntimeFollows()
    {
        (int exitCode, string? output, string? error) = CliRun.Run([.. TinyNetwork, "--batch", "2", "--kernels", "libtorch"]);

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = Lines(output);
        Assert.Equal(5, lines.Length);
        AssertResult(lines[1], "LibTorch", batch: 2, "CPU");
        AssertResult(lines[2], "LibTorch", batch: 1, "CPU");
        AssertOnnxRuntimeResult(lines[3], batch: 2);
        AssertOnnxRuntimeResult(lines[4], batch: 1);
    }

    [Fact]
    public void ASpecWithoutAGeneratedClassIsBuiltAtRunTime()
    {
        (int exitCode, string? output, string? error) = CliRun.Run([.. TinyNetwork.Select(argument => argument == "10" ? "3" : argument), "--batch", "1", "--kernels", "libtorch"]);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.StartsWith("=> clcNet(0, 0, 0, 0, Classes = 3, InputChannels = 1, InputSize = 28) (built at run time), random", output);
    }

    private static string DeviceOf(ClcKernels family) => family == ClcKernels.Cpu ? $"CPU, {ClcNet.Kernels.Cpu.CpuKernels.Describe()}" : "CPU";

    private static string[] Lines(string output) => output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private static void AssertOnnxRuntimeResult(string line, int batch)
    {
        Assert.StartsWith("OnnxRuntime", line);
        Assert.DoesNotContain("training", line);
        AssertResult(line, "OnnxRuntime", batch, $"CPU, ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}", phases: ["inference"]);
    }

    private static void AssertResult(string line, string kernels, int batch, string device, string[]? phases = null)
    {
        Match match = ResultLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal((kernels, batch.ToString(CultureInfo.InvariantCulture), device),
            (match.Groups["kernels"].Value, match.Groups["batch"].Value, match.Groups["device"].Value));
        foreach (string phase in phases ?? ["inference", "training"])
        {
            double imagesPerSecond = Number(match, $"{phase}Rate");
            double millisecondsPerImage = Number(match, $"{phase}Time");
            double peakMiB = Number(match, $"{phase}Peak");
            Assert.True(imagesPerSecond > 0 && millisecondsPerImage > 0, line);
            // The two are one measurement: images/s x ms/image = 1000, up to the rounding to 2 decimals of each.
            double rounding = 0.005 * (imagesPerSecond + millisecondsPerImage) + 1e-6;
            Assert.InRange(imagesPerSecond * millisecondsPerImage, 1000 - rounding, 1000 + rounding);
            // The process holds the .NET runtime and libtorch (well over 16 MiB), and less than the machine has.
            Assert.InRange(peakMiB, 16, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1048576.0);
        }
    }

    private static double Number(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<kernels>\w+) +batch +(?<batch>\d+)" +
        @"  inference +(?<inferenceRate>[\d.]+) images/s +(?<inferenceTime>[\d.]+) ms/image  peak +(?<inferencePeak>[\d.]+) MiB" +
        @"(?:  training +(?<trainingRate>[\d.]+) images/s +(?<trainingTime>[\d.]+) ms/image  peak +(?<trainingPeak>[\d.]+) MiB)?" +
        @"  \((?<device>.+)\)$")]
    private static partial Regex ResultLine();
}
