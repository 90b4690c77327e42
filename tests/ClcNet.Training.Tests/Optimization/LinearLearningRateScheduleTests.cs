using ClcNet.Training.Optimization;

namespace ClcNet.Training.Tests.Optimization;

public sealed class LinearLearningRateScheduleTests
{
    // LR 0.1, 4 epochs of 10 batches: T = 40, lr = 0.1 * (1 - t / 40), t = (epoch - 1) * 10 + (n - 1).
    private readonly LinearLearningRateSchedule schedule = new(0.1, epochs: 4, batchesPerEpoch: 10);

    [Theory]
    [InlineData(1, 1, 0, 0.1)]
    [InlineData(1, 2, 1, 0.0975)]
    [InlineData(1, 10, 9, 0.0775)]
    [InlineData(2, 1, 10, 0.075)]
    [InlineData(3, 5, 24, 0.04)]
    [InlineData(4, 10, 39, 0.0025)]
    public void FollowsTheReferenceFormula(int epoch, int batch, long iteration, double learningRate)
    {
        Assert.Equal(iteration, schedule.Iteration(epoch, batch));
        Assert.Equal(learningRate, schedule.At(epoch, batch), 12);
    }

    [Fact]
    public void DecaysByTheSameStepEveryIteration()
    {
        double step = 0.1 / schedule.TotalIterations;
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            for (int batch = 1; batch <= 10; batch++)
            {
                double next = batch < 10 ? schedule.At(epoch, batch + 1) : epoch < 4 ? schedule.At(epoch + 1, 1) : 0;
                Assert.Equal(step, schedule.At(epoch, batch) - next, 12);
            }
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(1, 0)]
    [InlineData(1, 11)]
    public void RejectsPositionsOutsideTheRun(int epoch, int batch) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(epoch, batch));
}
