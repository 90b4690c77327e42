using System.Globalization;
using System.Text.RegularExpressions;
using ClcNet.Cli;

namespace ClcNet.Cli.Tests;

/// <summary><c>clcgen bench</c> end to end on the smallest network (ILGPU's CPU accelerator is a slow simulator).</summary>
public sealed partial class BenchCommandTests
{
    private static readonly string[] TinyNetwork =
        ["bench", "-a", "0", "-b", "0", "-c", "0", "-d", "0", "--input-size", "28", "--input-channels", "1", "--classes", "10",
            "--batch", "1", "--warmup", "0", "--repeats", "1"];

    [Fact]
    public void BothKernelsPrintImagesPerSecondOfInferenceAndTrainingThenOnnxRuntimesInference()
    {
        var (exitCode, output, error) = CliRun.Run(TinyNetwork);

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("=> clcNet(0, 0, 0, 0, Classes = 10, InputChannels = 1, InputSize = 28) (generated FashionMnistNet), random 1x28x28 images: " +
            "median of 1 timed run after 0 warm-up; libtorch on ", lines[0]);
        Assert.StartsWith("note: ILGPU found no CUDA device and runs on its CPU accelerator, a slow simulator", lines[1]);
        AssertResult(lines[2], "LibTorch", "CPU");
        AssertResult(lines[3], "Ilgpu", "CPU, ILGPU CPU: CPUAccelerator");
        AssertOnnxRuntimeResult(lines[4]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public void LibTorchAloneNeedsNoSimulatorNoteAndOnnxRuntimeFollows()
    {
        var (exitCode, output, error) = CliRun.Run([.. TinyNetwork, "--kernels", "libtorch"]);

        Assert.True(exitCode == ExitCodes.Success, error);
        string[] lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        AssertResult(lines[1], "LibTorch", "CPU");
        AssertOnnxRuntimeResult(lines[2]);
    }

    [Fact]
    public void ASpecWithoutAGeneratedClassIsBuiltAtRunTime()
    {
        var (exitCode, output, error) = CliRun.Run([.. TinyNetwork.Select(argument => argument == "10" ? "3" : argument), "--kernels", "libtorch"]);

        Assert.True(exitCode == ExitCodes.Success, error);
        Assert.StartsWith("=> clcNet(0, 0, 0, 0, Classes = 3, InputChannels = 1, InputSize = 28) (built at run time), random", output);
    }

    private static void AssertResult(string line, string kernels, string device)
    {
        Match match = ResultLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal((kernels, "1", device), (match.Groups["kernels"].Value, match.Groups["batch"].Value, match.Groups["device"].Value));
        Assert.True(double.Parse(match.Groups["inference"].Value, CultureInfo.InvariantCulture) > 0, line);
        Assert.True(double.Parse(match.Groups["training"].Value, CultureInfo.InvariantCulture) > 0, line);
    }

    private static void AssertOnnxRuntimeResult(string line)
    {
        Match match = OnnxRuntimeLine().Match(line);
        Assert.True(match.Success, line);
        Assert.True(double.Parse(match.Groups["inference"].Value, CultureInfo.InvariantCulture) > 0, line);
    }

    [GeneratedRegex(@"^(?<kernels>\w+) +batch +(?<batch>\d+) +inference +(?<inference>[\d.]+) images/s +training +(?<training>[\d.]+) images/s +\((?<device>.+)\)$")]
    private static partial Regex ResultLine();

    [GeneratedRegex(@"^OnnxRuntime +batch +1 +inference +(?<inference>[\d.]+) images/s +\(CPU, ONNX Runtime\)$")]
    private static partial Regex OnnxRuntimeLine();
}
