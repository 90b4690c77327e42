using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>
/// Channel interlace (docs/clcnet.md#interlace): <c>out[:, j*g + i] = in[:, i*s + j]</c> with
/// <c>s = C / g</c>. Views the channels as a (g, s) matrix and transposes it; autograd supplies the
/// inverse permutation as the gradient. Equal to ShuffleNet's channel shuffle with g groups.
/// </summary>
public sealed class Interlace : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the interlace of <paramref name="channels"/> channels in <paramref name="groups"/> groups.</summary>
    /// <exception cref="ArgumentException">The channels are not a multiple of the groups.</exception>
    public Interlace(long channels, long groups) : base(nameof(Interlace))
    {
        if (groups < 1 || channels < 1 || channels % groups != 0)
        {
            throw new ArgumentException(
                $"Interlace: {channels} channels cannot be split into {groups} equal groups; use a channel count that is a multiple of the groups.",
                nameof(groups));
        }
        Channels = channels;
        Groups = groups;
    }

    /// <summary>C, the channels interlaced.</summary>
    public long Channels { get; }

    /// <summary>g, the groups interlaced.</summary>
    public long Groups { get; }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() < 2 || input.shape[1] != Channels)
        {
            throw new ArgumentException(
                $"Interlace({Channels}, {Groups}): expected input [N, {Channels}, ...], got [{string.Join(", ", input.shape)}].",
                nameof(input));
        }
        return Apply(input, Groups);
    }

    /// <summary>The interlace as a function: view (N, g, C/g, ...), swap the two channel axes, flatten back.</summary>
    public static Tensor Apply(Tensor input, long groups)
    {
        long[] shape = input.shape;
        long[] grouped = [shape[0], groups, shape[1] / groups, .. shape[2..]];
        using Tensor view = input.view(grouped);
        using Tensor transposed = view.transpose(1, 2);
        using Tensor contiguous = transposed.contiguous();
        return contiguous.view(shape);
    }
}
