using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// Removing a block's interlace from the exported graph by permuting the input channels of the 1x1 convolution that
/// reads it. The interlace is a fixed permutation: interlaced channel <c>j*g + i</c> is channel <c>i*s + j</c> of the
/// 3x3 convolution's output (docs/clcnet.md#interlace). A grouped 1x1 convolution can absorb it exactly when
/// every group reads, as a set, the same channels before and after the interlace: then only the order of its weight's
/// input columns changes. That holds for a dense 1x1 (<c>PointwiseGroups = 1</c>) and for an interlace that is the
/// identity (<c>GroupSize3x3 = 1</c>). In the published blocks (2-channel 3x3 groups, two
/// 1x1 groups) the first 1x1 group reads the even channels and the second the odd ones, which no grouped convolution
/// reads from the 3x3's output as it is: neither a permutation of the 3x3's outputs (its groups must stay contiguous)
/// nor of the 1x1's inputs is exact there, so those blocks keep the interlace as Reshape, Transpose, Reshape.
/// </summary>
public static class InterlaceFolding
{
    /// <summary>
    /// For each interlaced channel, the channel of the interlace's input it holds: <c>source[j*g + i] = i*s + j</c>
    /// with <c>s = channels / groups</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The channels are not a positive multiple of the groups.</exception>
    public static int[] SourceChannels(int channels, int groups)
    {
        if (groups < 1 || channels < 1 || channels % groups != 0)
        {
            throw new ArgumentException($"Interlace: {channels} channels cannot be split into {groups} equal groups.", nameof(groups));
        }
        int size = channels / groups;
        var source = new int[channels];
        for (int i = 0; i < groups; i++)
        {
            for (int j = 0; j < size; j++)
            {
                source[j * groups + i] = i * size + j;
            }
        }
        return source;
    }

    /// <summary>
    /// Whether a 1x1 convolution of <paramref name="pointwiseGroups"/> groups reading an interlace of
    /// <paramref name="channels"/> channels in <paramref name="interlaceGroups"/> groups can read the interlace's
    /// input instead, with only its weight's input columns reordered.
    /// </summary>
    public static bool FoldsIntoPointwise(int channels, int interlaceGroups, int pointwiseGroups)
    {
        int[] source = SourceChannels(channels, interlaceGroups);
        int width = channels / pointwiseGroups;
        return source.Select((from, to) => from / width == to / width).All(stays => stays);
    }

    /// <summary>
    /// The weight <c>[out, channels / pointwiseGroups, 1, 1]</c> of a 1x1 convolution that reads an interlace, turned
    /// into the weight of the same convolution reading the interlace's input.
    /// </summary>
    /// <exception cref="ArgumentException">The interlace does not fold into this convolution (<see cref="FoldsIntoPointwise"/>).</exception>
    public static Tensor FoldIntoPointwise(Tensor weight, int interlaceGroups, int pointwiseGroups)
    {
        int width = (int)weight.shape[1];
        int channels = width * pointwiseGroups;
        if (!FoldsIntoPointwise(channels, interlaceGroups, pointwiseGroups))
        {
            throw new ArgumentException(
                $"an interlace of {channels} channels in {interlaceGroups} groups does not fold into a 1x1 convolution of {pointwiseGroups} groups.",
                nameof(interlaceGroups));
        }
        int[] source = SourceChannels(channels, interlaceGroups);
        // Column c of the new weight multiplies input channel c, which the interlace had moved to position
        // inverse[c]; both lie in the same group, so the columns only move inside it.
        var inverse = new long[channels];
        for (int to = 0; to < channels; to++)
        {
            inverse[source[to]] = to;
        }
        long rows = weight.shape[0] / pointwiseGroups;
        using DisposeScope scope = NewDisposeScope();
        var groups = new List<Tensor>();
        for (int group = 0; group < pointwiseGroups; group++)
        {
            long[] columns = [.. inverse.Skip(group * width).Take(width).Select(to => to - group * width)];
            groups.Add(weight.narrow(0, group * rows, rows).index_select(1, tensor(columns, device: weight.device)));
        }
        return cat(groups, 0).MoveToOuterDisposeScope();
    }
}
