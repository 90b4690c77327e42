using static TorchSharp.torch;

namespace ClcNet.Testing.Torch7;

/// <summary>A clcNet's weights under our state_dict names, what <see cref="ClcNetTorch7File"/> writes into a .t7 file.</summary>
internal interface INetworkWeights
{
    ClcNetSpec Spec { get; }

    /// <summary>Parameters and BatchNorm running statistics, by name (<c>stem.conv.weight</c>, <c>head.fc.bias</c>).</summary>
    IReadOnlyList<(string Name, float[] Values, long[] Shape)> Weights { get; }
}

/// <summary>The weights of a TorchSharp network, e.g. one trained by clcgen, to write as the original's .t7 file.</summary>
internal sealed record NetworkWeights(ClcNetSpec Spec, IReadOnlyList<(string Name, float[] Values, long[] Shape)> Weights) : INetworkWeights
{
    /// <summary>The float entries of <paramref name="network"/>'s state_dict (BatchNorm's batch counters have no Torch7 counterpart).</summary>
    public static NetworkWeights Of(nn.Module network, ClcNetSpec spec) => new(spec,
    [
        .. network.state_dict().Where(entry => entry.Value.dtype == ScalarType.Float32)
            .Select(entry => (entry.Key, entry.Value.cpu().contiguous().data<float>().ToArray(), entry.Value.shape)),
    ]);
}
