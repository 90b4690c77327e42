using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// Applies the block's first BatchNorm, whose parameters and running statistics are indexed by natural
/// channel, to the 3x3 output that the ILGPU kernel stores already interlaced. BatchNorm works per channel,
/// so it commutes with the interlace once its per-channel tensors are gathered in interlaced order; the
/// updated running statistics are scattered back, so the module's state is exactly what libtorch's
/// <c>bn(conv(x))</c> followed by the interlace would leave.
/// </summary>
internal sealed class InterlacedBatchNorm
{
    private readonly long[] sourceChannels;
    private Tensor? order;

    /// <summary>Creates the gather order of <c>Interlace(channels, groups)</c>.</summary>
    public InterlacedBatchNorm(int channels, int groups)
    {
        int groupSize = channels / groups;
        sourceChannels = Enumerable.Range(0, channels)
            .Select(interlaced => (long)InterlacedChannel.Source(interlaced, groups, groupSize))
            .ToArray();
    }

    /// <summary>
    /// <c>batchNorm</c> on <paramref name="interlaced"/>, in training or evaluation mode as the module is,
    /// with gradients flowing to the module's weight and bias.
    /// </summary>
    public Tensor Forward(BatchNorm2d batchNorm, Tensor interlaced)
    {
        using DisposeScope scope = NewDisposeScope();
        Tensor gather = Order(interlaced.device);
        Tensor? mean = batchNorm.running_mean?.index_select(0, gather);
        Tensor? variance = batchNorm.running_var?.index_select(0, gather);
        Tensor? weight = batchNorm.weight?.index_select(0, gather);
        Tensor? bias = batchNorm.bias?.index_select(0, gather);
        bool useBatchStatistics = batchNorm.training || mean is null;
        double momentum = batchNorm.momentum ?? 0.0;
        if (batchNorm.training && batchNorm.num_batches_tracked is Tensor tracked)
        {
            // As torch.nn.BatchNorm2d: count the batch first; momentum None means a cumulative average.
            using (no_grad())
            {
                tracked.add_(1);
            }
            momentum = batchNorm.momentum ?? 1.0 / tracked.item<long>();
        }
        Tensor output = nn.functional.batch_norm(interlaced, mean, variance, weight, bias, useBatchStatistics, momentum, batchNorm.eps);
        if (batchNorm.training && mean is not null && variance is not null)
        {
            using IDisposable noGrad = no_grad();
            batchNorm.running_mean!.index_copy_(0, gather, mean);
            batchNorm.running_var!.index_copy_(0, gather, variance);
        }
        return output.MoveToOuterDisposeScope();
    }

    private Tensor Order(Device device)
    {
        if (order is null || order.device != device)
        {
            order?.Dispose();
            // Cached across calls: kept out of the caller's dispose scope.
            order = tensor(sourceChannels, device: device).DetachFromDisposeScope();
        }
        return order;
    }
}
