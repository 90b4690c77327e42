using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>The stem: 3x3 convolution to 32 channels (padding 1, no bias), BN, ReLU.</summary>
public sealed class ClcStem : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly ReLU relu;

    /// <summary>Creates the stem for <paramref name="inputChannels"/> input channels.</summary>
    public ClcStem(long inputChannels, long stride) : base(nameof(ClcStem))
    {
        const long channels = LayerPlan.StemChannels;
        conv = nn.Conv2d(inputChannels, channels, 3, stride: stride, padding: 1, bias: false);
        bn = Layers.BatchNorm(channels);
        relu = nn.ReLU(inplace: true);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        return relu.forward(bn.forward(conv.forward(input))).MoveToOuterDisposeScope();
    }
}
