using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Modules;

/// <summary>The initialisation of docs/clcnet.md#initialisation (as fb.resnet.torch does it).</summary>
public static class ReferenceInitialization
{
    /// <summary>
    /// Convolutions: weight ~ N(0, sqrt(2 / (kH * kW * out_channels))); BatchNorm: weight 1, bias 0;
    /// Linear: weight ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in)), bias 0. Uses torch's global generator,
    /// so <c>torch.manual_seed</c> makes it repeatable.
    /// </summary>
    public static void Apply(nn.Module network)
    {
        using IDisposable noGrad = no_grad();
        foreach (nn.Module module in network.modules())
        {
            switch (module)
            {
                case Conv2d conv:
                    long[] shape = conv.weight!.shape;
                    double fanOut = shape[0] * shape[2] * shape[3];
                    nn.init.normal_(conv.weight, 0, Math.Sqrt(2 / fanOut));
                    break;
                case BatchNorm2d bn:
                    nn.init.ones_(bn.weight!);
                    nn.init.zeros_(bn.bias!);
                    break;
                case Linear linear:
                    double bound = 1 / Math.Sqrt(linear.weight!.shape[1]);
                    nn.init.uniform_(linear.weight, -bound, bound);
                    nn.init.zeros_(linear.bias!);
                    break;
            }
        }
    }
}
