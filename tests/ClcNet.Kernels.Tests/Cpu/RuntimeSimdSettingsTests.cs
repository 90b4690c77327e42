using System.Diagnostics;
using ClcNet.Kernels.Cpu;
using ClcNet.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests.Cpu;

/// <summary>
/// The CPU kernels in a test process whose runtime is told to use fewer instruction sets (.NET's
/// <c>DOTNET_Enable*</c> settings): they detect the level that is left and compute the same block. Besides the
/// forced levels of the other tests, this runs the detection and the paths as a CPU without AVX-512, without
/// AVX2, or without any vector support would.
/// </summary>
public sealed class RuntimeSimdSettingsTests
{
    private const string ExpectedLevel = "CLCNET_TEST_EXPECTED_SIMD";

    [Theory]
    [InlineData("DOTNET_EnableAVX512", "Avx2")]
    [InlineData("DOTNET_EnableAVX2", "Vector128")]
    [InlineData("DOTNET_EnableHWIntrinsic", "Scalar")]
    public async Task A_process_with_fewer_instruction_sets_detects_its_level_and_stays_correct(string setting, string level)
    {
        if (Enum.Parse<SimdLevel>(level) >= CpuSimd.Best)
        {
            return; // This machine does not have more than that level: the setting would change nothing.
        }
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "test", typeof(RuntimeSimdSettingsTests).Assembly.Location, "--filter", $"FullyQualifiedName~{nameof(CpuKernelsAtTheDetectedLevel)}" },
            Environment = { [setting] = "0", [ExpectedLevel] = level },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process child = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        Task<string> output = child.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> errors = child.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await child.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"the child test run with {setting}=0 did not finish in 5 minutes");
        }

        Assert.True(child.ExitCode == 0, $"the child test run with {setting}=0 failed:\n{await output}\n{await errors}");
        Assert.Contains("Passed:     1", await output);
    }

    /// <summary>The test the child processes run (and every run, at this machine's best level).</summary>
    public sealed class CpuKernelsAtTheDetectedLevel
    {
        [Fact]
        public void Detected_level_runs_the_block_and_its_gradients_as_libtorch_does()
        {
            if (Environment.GetEnvironmentVariable(ExpectedLevel) is string expected)
            {
                Assert.Equal(expected, CpuSimd.Best.ToString());
            }
            using DisposeScope scope = NewDisposeScope();
            var shape = new ClcBlockShape(32, 64, 2, 16, 2);
            ClcBlock libtorch = Blocks.Random(shape, seed: 101);
            ClcBlock cpu = Blocks.Random(shape, seed: 101);
            cpu.Kernels = ClcKernels.Cpu;
            Tensor input = Blocks.Input(3, 32, 13, seed: 102);
            Tensor outputWeights = rand([3, 64, 7, 7], generator: new TorchSharp.torch.Generator(103));

            ClcBlockTrainingTests.AssertSameStep(cpu, libtorch, input, outputWeights);
            libtorch.eval();
            cpu.eval();
            using IDisposable noGrad = no_grad();
            Tolerance.Close(cpu.forward(input), libtorch.forward(input), $"fused block at {CpuSimd.Best}", Tolerance.CpuKernels);
        }
    }
}
