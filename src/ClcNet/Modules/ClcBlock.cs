using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>
/// The CLC block (clcnet-reference.md, section 2): 3x3 grouped convolution, BN, interlace, 1x1 grouped
/// convolution, BN, ReLU. The 3x3 convolution with the interlace is the paper's IGC; the 1x1 is its GC.
/// </summary>
public sealed class ClcBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv3x3;
    private readonly BatchNorm2d bn1;
    private readonly Interlace interlace;
    private readonly Conv2d conv1x1;
    private readonly BatchNorm2d bn2;
    private readonly ReLU relu;

    /// <summary>Creates <c>Block(in, out, stride, g1, g2)</c>.</summary>
    /// <exception cref="ArgumentException">A group count does not divide its channels.</exception>
    public ClcBlock(long inChannels, long outChannels, long stride, long groups3x3, long groups1x1)
        : base(nameof(ClcBlock))
    {
        if (groups3x3 < 1 || inChannels % groups3x3 != 0)
        {
            throw new ArgumentException(
                $"ClcBlock: 3x3 groups {groups3x3} do not divide the {inChannels} input channels; use a divisor of {inChannels}.",
                nameof(groups3x3));
        }
        if (groups1x1 < 1 || inChannels % groups1x1 != 0 || outChannels % groups1x1 != 0)
        {
            throw new ArgumentException(
                $"ClcBlock: 1x1 groups {groups1x1} do not divide {inChannels} -> {outChannels} channels; use a common divisor.",
                nameof(groups1x1));
        }
        conv3x3 = nn.Conv2d(inChannels, inChannels, 3, stride: stride, padding: 1, groups: groups3x3, bias: false);
        bn1 = Layers.BatchNorm(inChannels);
        interlace = new Interlace(inChannels, groups3x3);
        conv1x1 = nn.Conv2d(inChannels, outChannels, 1, groups: groups1x1, bias: false);
        bn2 = Layers.BatchNorm(outChannels);
        relu = nn.ReLU(inplace: true);
        RegisterComponents();
    }

    /// <summary>Creates the block a plan describes.</summary>
    public ClcBlock(PlannedBlock plan)
        : this(plan.InChannels, plan.OutChannels, plan.Stride, plan.Groups3x3, plan.Groups1x1)
    {
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor x = bn1.forward(conv3x3.forward(input));
        x = bn2.forward(conv1x1.forward(interlace.forward(x)));
        return relu.forward(x).MoveToOuterDisposeScope();
    }
}
