using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Metrics;

/// <summary>
/// Top-1 and top-5 error in percent, as the original reports them: the share of samples whose label is not
/// the highest-scoring class (top-1) or not among the five highest (top-5; all classes when there are fewer).
/// </summary>
public static class TopKError
{
    /// <summary>Errors of a batch of scores <c>[N, classes]</c> against labels <c>[N]</c>.</summary>
    public static (double Top1, double Top5) Compute(Tensor scores, Tensor labels)
    {
        if (scores.dim() != 2 || labels.dim() != 1 || scores.shape[0] != labels.shape[0])
        {
            throw new ArgumentException(
                $"TopKError: expected scores [N, classes] and labels [N], got [{string.Join(", ", scores.shape)}] and [{string.Join(", ", labels.shape)}].");
        }
        using DisposeScope scope = NewDisposeScope();
        long samples = scores.shape[0];
        long k = Math.Min(5, scores.shape[1]);
        // topk with sorted output puts the best class first, so column 0 alone decides top-1.
        Tensor predictions = scores.topk((int)k, dim: 1, largest: true, sorted: true).indexes;
        Tensor correct = predictions.eq(labels.to(predictions.device).view(samples, 1));
        double top1Correct = correct.narrow(1, 0, 1).sum().cpu().item<long>();
        double top5Correct = correct.sum().cpu().item<long>();
        return (100 * (1 - top1Correct / samples), 100 * (1 - top5Correct / samples));
    }

    /// <summary>
    /// Sums the scores of the crops of each sample, <c>[N * crops, classes]</c> to <c>[N, classes]</c>, as
    /// ten-crop testing does before top-k.
    /// </summary>
    public static Tensor SumCrops(Tensor scores, int crops)
    {
        if (crops < 1 || scores.shape[0] % crops != 0)
        {
            throw new ArgumentException($"TopKError: {scores.shape[0]} score rows do not split into {crops} crops per sample.");
        }
        return scores.view(scores.shape[0] / crops, crops, scores.shape[1]).sum(1);
    }
}
