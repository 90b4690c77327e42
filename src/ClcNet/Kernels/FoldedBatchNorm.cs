using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Kernels;

/// <summary>
/// An evaluation-mode BatchNorm as one multiply-add per channel, <c>y = x * Scale + Shift</c> with
/// <c>Scale = weight / sqrt(running_var + eps)</c> and <c>Shift = bias - running_mean * Scale</c>, which
/// the fused kernel applies in its epilogue instead of a separate pass.
/// </summary>
internal sealed class FoldedBatchNorm : IDisposable
{
    private FoldedBatchNorm(Tensor scale, Tensor shift)
    {
        Scale = scale;
        Shift = shift;
    }

    /// <summary>Per-channel factor.</summary>
    public Tensor Scale { get; }

    /// <summary>Per-channel offset.</summary>
    public Tensor Shift { get; }

    /// <summary>Folds <paramref name="batchNorm"/>'s running statistics and affine parameters.</summary>
    public static FoldedBatchNorm From(BatchNorm2d batchNorm)
    {
        using IDisposable noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        Tensor runningMean = batchNorm.running_mean ?? throw new ArgumentException(
            "FoldedBatchNorm: the BatchNorm has no running statistics; create it with track_running_stats.", nameof(batchNorm));
        Tensor scale = (batchNorm.running_var! + batchNorm.eps).rsqrt_();
        if (batchNorm.weight is not null)
        {
            scale.mul_(batchNorm.weight);
        }
        Tensor shift = -runningMean * scale;
        if (batchNorm.bias is not null)
        {
            shift.add_(batchNorm.bias);
        }
        return new FoldedBatchNorm(scale.MoveToOuterDisposeScope(), shift.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// The tensors whose changes change the fold, e.g. to cache it: running statistics, weight, bias (null where
    /// absent), and the batch counter, since libtorch's batch norm updates the running statistics in training mode
    /// without bumping their version counters but increments the counter in place.
    /// </summary>
    internal static Tensor?[] Sources(BatchNorm2d batchNorm) =>
        [batchNorm.running_mean, batchNorm.running_var, batchNorm.weight, batchNorm.bias, batchNorm.num_batches_tracked];

    /// <summary>This fold with its tensors out of every dispose scope, to be kept across calls.</summary>
    internal FoldedBatchNorm Detached()
    {
        Scale.DetachFromDisposeScope();
        Shift.DetachFromDisposeScope();
        return this;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Scale.Dispose();
        Shift.Dispose();
    }
}
