using ClcNet.Training.Metrics;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests.Metrics;

public sealed class TopKErrorTests
{
    [Fact]
    public void CountsLabelsOutsideTheTopOneAndTopFive()
    {
        // 7 classes, 4 samples. Ranks of the label: sample 0 first, sample 1 second, sample 2 fifth, sample 3 sixth.
        using Tensor scores = tensor(new float[,]
        {
            { 9, 1, 2, 3, 4, 5, 6 },
            { 1, 9, 8, 0, 0, 0, 0 },
            { 7, 6, 5, 4, 3, 2, 1 },
            { 7, 6, 5, 4, 3, 2, 1 },
        });
        using Tensor labels = tensor(new long[] { 0, 2, 4, 5 });

        (double top1, double top5) = TopKError.Compute(scores, labels);

        Assert.Equal(75.0, top1, 9); // only sample 0 is right at top-1
        Assert.Equal(25.0, top5, 9); // only sample 3 is outside the top 5
    }

    [Fact]
    public void UsesAllClassesForTopFiveWhenThereAreFewer()
    {
        using Tensor scores = tensor(new float[,] { { 0.1f, 0.9f, 0.5f }, { 0.8f, 0.1f, 0.3f } });
        using Tensor labels = tensor(new long[] { 0, 0 });

        (double top1, double top5) = TopKError.Compute(scores, labels);

        Assert.Equal(50.0, top1, 9);
        Assert.Equal(0.0, top5, 9);
    }

    [Fact]
    public void SumsTheCropsOfEachSample()
    {
        // Two samples with three crops each: rows 0-2 belong to sample 0, rows 3-5 to sample 1.
        using Tensor scores = tensor(new float[,] { { 1, 0 }, { 0, 3 }, { 1, 0 }, { 5, 1 }, { 0, 2 }, { 0, 2 } });

        using Tensor summed = TopKError.SumCrops(scores, crops: 3);

        Assert.Equal(new float[] { 2, 3, 5, 5 }, summed.data<float>().ToArray());
        Assert.Equal(new long[] { 2, 2 }, summed.shape);
    }

    [Fact]
    public void RejectsRowsThatDoNotSplitIntoCrops()
    {
        using Tensor scores = zeros(5, 3);
        Assert.Throws<ArgumentException>(() => TopKError.SumCrops(scores, crops: 2));
    }
}
