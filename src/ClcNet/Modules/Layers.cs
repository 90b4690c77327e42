using TorchSharp;
using TorchSharp.Modules;

namespace ClcNet.Modules;

/// <summary>Layer factories with the reference settings, used by the blocks and by generated networks.</summary>
internal static class Layers
{
    /// <summary>BatchNorm with eps 1e-5 and running-average momentum 0.1 (docs/clcnet.md#initialisation).</summary>
    public static BatchNorm2d BatchNorm(long channels) => torch.nn.BatchNorm2d(channels, eps: 1e-5, momentum: 0.1);
}
