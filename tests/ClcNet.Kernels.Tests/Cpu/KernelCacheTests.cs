using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels.Tests.Cpu;

/// <summary>
/// The fused kernels keep their folded weights between calls: each change to a weight, a batch-norm statistic or
/// parameter, or eps must reach the next result.
/// </summary>
public sealed class KernelCacheTests
{
    public static TheoryData<ClcKernels, string> Changes
    {
        get
        {
            var changes = new TheoryData<ClcKernels, string>();
            foreach (ClcKernels kernels in new[] { ClcKernels.Cpu, ClcKernels.Ilgpu })
            {
                foreach (string change in new[] { "conv3x3 weight", "conv1x1 weight", "bn1 running_var", "bn2 running_mean", "bn1 weight",
                    "bn2 bias", "bn1 eps", "load_state_dict", "training step", "training-mode forward" })
                {
                    changes.Add(kernels, change);
                }
            }
            return changes;
        }
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void Inference_follows_a_change_made_after_the_first_call(ClcKernels kernels, string change)
    {
        using DisposeScope scope = NewDisposeScope();
        var shape = new ClcBlockShape(8, 8, 1, 4, 2);
        ClcBlock block = Blocks.Random(shape, seed: 91);
        block.Kernels = kernels;
        block.eval();
        Tensor input = Blocks.Input(2, 8, 5, seed: 92);
        Tensor before = Infer(block, input);

        Change(block, change);
        block.eval();
        Tensor actual = Infer(block, input);
        block.Kernels = ClcKernels.LibTorch;
        Tensor expected = Infer(block, input);

        Assert.True((expected - before).abs().max().item<float>() > 1e-3, $"{change} does not change the block's output; the test would prove nothing");
        Tolerance.Close(actual, expected, $"{kernels} after changing the {change}", Tolerance.CpuKernels);
    }

    [Fact]
    public void Version_counter_moves_with_in_place_changes_only()
    {
        using DisposeScope scope = NewDisposeScope();
        BatchNorm2d bn = nn.BatchNorm2d(4);
        Assert.True(TensorVersion.IsAvailable, "libtorch's version counter is not found on this platform");
        long start = TensorVersion.Of(bn.running_mean!)!.Value;

        _ = bn.running_mean! + 1;
        Assert.Equal(start, TensorVersion.Of(bn.running_mean!));
        bn.running_mean!.add_(0);
        Assert.Equal(start + 1, TensorVersion.Of(bn.running_mean!));
        // libtorch's batch norm writes its running statistics without bumping their counters, so the caches also
        // watch the batch counter, which a training-mode forward increments in place.
        long batches = TensorVersion.Of(bn.num_batches_tracked!)!.Value;
        bn.train();
        bn.forward(randn(3, 4, 2, 2));
        Assert.True(TensorVersion.Of(bn.num_batches_tracked!) > batches, "a training-mode forward did not bump the batch counter's version");
        using (inference_mode())
        {
            Assert.Null(TensorVersion.Of(ones(2)));
        }
    }

    private static Tensor Infer(ClcBlock block, Tensor input)
    {
        using IDisposable noGrad = no_grad();
        return block.forward(input);
    }

    private static void Change(ClcBlock block, string change)
    {
        BatchNorm2d bn1 = Blocks.Layer<BatchNorm2d>(block, "bn1");
        BatchNorm2d bn2 = Blocks.Layer<BatchNorm2d>(block, "bn2");
        using IDisposable noGrad = no_grad();
        switch (change)
        {
            case "conv3x3 weight":
                Blocks.Layer<Conv2d>(block, "conv3x3").weight!.mul_(-1.5);
                break;
            case "conv1x1 weight":
                Blocks.Layer<Conv2d>(block, "conv1x1").weight![0].add_(1);
                break;
            case "bn1 running_var":
                bn1.running_var!.mul_(3);
                break;
            case "bn2 running_mean":
                bn2.running_mean!.add_(1);
                break;
            case "bn1 weight":
                bn1.weight!.mul_(2);
                break;
            case "bn2 bias":
                bn2.bias!.add_(1);
                break;
            case "bn1 eps":
                bn1.eps = 1.0;
                break;
            case "load_state_dict":
                block.load_state_dict(Blocks.Random(block.Shape, seed: 93).state_dict());
                break;
            case "training step":
                // Training mode moves the running statistics (and, with an optimiser, the weights).
                block.train();
                using (enable_grad())
                {
                    SGD optimizer = optim.SGD(block.parameters(), 0.5);
                    block.forward(Blocks.Input(4, 8, 5, seed: 94)).square().mean().backward();
                    optimizer.step();
                }
                break;
            case "training-mode forward":
                // Moves only the running statistics, as a BN recalibration pass does.
                block.train();
                block.forward(Blocks.Input(4, 8, 5, seed: 95) * 3 + 1);
                break;
        }
    }
}
