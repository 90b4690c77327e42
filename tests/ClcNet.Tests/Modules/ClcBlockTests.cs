using ClcNet.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ClcNet.Tests.Modules;

public class ClcBlockTests
{
    // Stage 1's first block of clcNet-A: Block(64, 128, 2, 32, 2).
    private static ClcBlock StridedBlock() => new(64, 128, stride: 2, groups3x3: 32, groups1x1: 2);

    [Fact]
    public void LayersAreNamedInTheReferenceOrder()
    {
        using ClcBlock block = StridedBlock();

        string[] names = block.named_children().Select(child => child.name).ToArray();

        Assert.Equal(["conv3x3", "bn1", "interlace", "conv1x1", "bn2", "relu"], names);
    }

    [Fact]
    public void ConvolutionsHaveTheReferenceConfigurationAndNoBias()
    {
        using ClcBlock block = StridedBlock();
        var layers = block.named_children().ToDictionary(child => child.name, child => child.module);

        Conv2d conv3x3 = Assert.IsType<Conv2d>(layers["conv3x3"]);
        Assert.Equal([3L, 3L], conv3x3.kernel_size);
        Assert.Equal([2L, 2L], conv3x3.stride);
        Assert.Equal([1L, 1L], conv3x3.padding!);
        Assert.Equal(32, conv3x3.groups);
        Assert.Equal([64L, 2L, 3L, 3L], conv3x3.weight.shape);
        Assert.Null(conv3x3.bias);

        Conv2d conv1x1 = Assert.IsType<Conv2d>(layers["conv1x1"]);
        Assert.Equal([1L, 1L], conv1x1.kernel_size);
        Assert.Equal([1L, 1L], conv1x1.stride);
        Assert.Equal([0L, 0L], conv1x1.padding!);
        Assert.Equal(2, conv1x1.groups);
        Assert.Equal([128L, 32L, 1L, 1L], conv1x1.weight.shape);
        Assert.Null(conv1x1.bias);

        Interlace interlace = Assert.IsType<Interlace>(layers["interlace"]);
        Assert.Equal((64L, 32L), (interlace.Channels, interlace.Groups));
        Assert.Equal(64, Assert.IsType<BatchNorm2d>(layers["bn1"]).num_features);
        Assert.Equal(128, Assert.IsType<BatchNorm2d>(layers["bn2"]).num_features);
    }

    [Fact]
    public void StateDictHoldsConvolutionWeightsAndBatchNormStateOnly()
    {
        using ClcBlock block = StridedBlock();

        string[] keys = block.state_dict().Keys.Order(StringComparer.Ordinal).ToArray();

        string[] batchNorm = ["bias", "num_batches_tracked", "running_mean", "running_var", "weight"];
        string[] expected = ["conv1x1.weight", "conv3x3.weight", .. batchNorm.Select(key => $"bn1.{key}"), .. batchNorm.Select(key => $"bn2.{key}")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys);
    }

    [Fact]
    public void ForwardEqualsTheReferenceSequenceOfFunctionalOps()
    {
        using DisposeScope scope = NewDisposeScope();
        using var block = new ClcBlock(8, 12, stride: 2, groups3x3: 4, groups1x1: 2);
        var layers = block.named_children().ToDictionary(child => child.name, child => child.module);
        Tensor conv3x3Weight = ((Conv2d)layers["conv3x3"]).weight, conv1x1Weight = ((Conv2d)layers["conv1x1"]).weight;
        Tensor input = randn(3, 8, 6, 6);

        // Training-mode BN with batch statistics (weight 1, bias 0 after creation), and the interlace as
        // an explicit channel permutation: 4 groups of 2 channels, so out = in[0, 2, 4, 6, 1, 3, 5, 7].
        Tensor BatchNorm(Tensor x) => F.batch_norm(x, zeros(x.shape[1]), ones(x.shape[1]), training: true, momentum: 0.1, eps: 1e-5);
        Tensor x = F.conv2d(input, conv3x3Weight, strides: [2, 2], padding: [1, 1], groups: 4);
        x = BatchNorm(x).index_select(1, tensor(new long[] { 0, 2, 4, 6, 1, 3, 5, 7 }));
        Tensor expected = F.relu(BatchNorm(F.conv2d(x, conv1x1Weight, groups: 2)));

        Tensor output = block.forward(input);

        Assert.Equal([3L, 12L, 3L, 3L], output.shape);
        Assert.True(output.allclose(expected, rtol: 1e-4, atol: 1e-5));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 1)]
    [InlineData(4, 2)]
    [InlineData(4, 4)]
    [InlineData(8, 2)]
    [InlineData(2, 4)]
    [InlineData(1, 2)]
    [InlineData(2, 8)]
    public void ConnectivityWarningHoldsExactlyWhenSomeOutputMissesAnInput(int groupSize3x3, int pointwiseGroups)
    {
        // docs/clcnet.md#block: a block is fully connected when every output channel depends on
        // every input channel. Measure it on a real block through the gradient of each output channel.
        const int channels = 16;
        using DisposeScope scope = NewDisposeScope();
        using var block = new ClcBlock(channels, channels, stride: 1, channels / groupSize3x3, pointwiseGroups);
        block.eval();
        Tensor input = randn(2, channels, 4, 4).requires_grad_();
        Tensor output = block.forward(input);

        bool fullyConnected = true;
        for (int channel = 0; channel < channels; channel++)
        {
            input.grad?.zero_();
            output[.., channel].sum().backward(retain_graph: true);
            fullyConnected &= input.grad!.abs().sum([0, 2, 3]).gt(0).all().item<bool>();
        }

        var spec = new ClcNetSpec(1, 1, 5, 2, groupSize3x3: groupSize3x3, pointwiseGroups: pointwiseGroups);
        bool warned = spec.FindProblems().Any(problem => problem.Rule == SpecRule.BrokenConnectivity && problem.IsWarning);
        Assert.Equal(!fullyConnected, warned);
    }

    [Fact]
    public void IndivisibleGroupsAreRejected()
    {
        Assert.Throws<ArgumentException>("groups3x3", () => new ClcBlock(32, 64, 1, groups3x3: 5, groups1x1: 2));
        Assert.Throws<ArgumentException>("groups1x1", () => new ClcBlock(32, 48, 1, groups3x3: 16, groups1x1: 32));
    }
}
