using ClcNet.Data;
using ClcNet.Training.Metrics;
using ClcNet.Training.Optimization;
using ClcNet.Training.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>
/// One function per phase, as torchvision's <c>train_one_epoch</c> and <c>evaluate</c> (and fb.resnet.torch's
/// <c>Trainer:train</c> and <c>Trainer:test</c>): cross-entropy loss, the learning rate set from the schedule
/// before every iteration, top-1/top-5 errors per batch and averaged over the pass.
/// </summary>
public sealed class Trainer(nn.Module<Tensor, Tensor> model, Device device, ITrainingProgress progress)
{
    /// <summary>Trains one epoch (1-based) over <paramref name="data"/>.</summary>
    /// <exception cref="NonFiniteLossException">A batch's loss is NaN or infinite; no step was taken for it.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired between two batches.</exception>
    public PhaseSummary TrainOneEpoch(int epoch, BatchSource data, SGD optimizer, LinearLearningRateSchedule schedule,
        CancellationToken cancellation = default)
    {
        model.train();
        progress.PhaseStarted(TrainingPhase.Train, epoch, data.BatchesPerEpoch);
        var logger = new MetricLogger(TrainingPhase.Train, epoch, data.BatchesPerEpoch);
        int batchNumber = 0;
        foreach (Batch batch in data.Epoch(epoch))
        {
            using (batch)
            using (DisposeScope scope = NewDisposeScope())
            {
                cancellation.ThrowIfCancellationRequested();
                batchNumber = NumberOf(batch, batchNumber, data);
                double learningRate = schedule.At(epoch, batchNumber);
                ReferenceSgd.SetLearningRate(optimizer, learningRate);

                Tensor target = batch.Labels.to(device);
                Tensor output = model.forward(batch.Images.to(device));
                Tensor loss = nn.functional.cross_entropy(output, target);
                double lossValue = loss.item<float>();
                if (!double.IsFinite(lossValue))
                {
                    throw new NonFiniteLossException(epoch, batchNumber, lossValue, learningRate);
                }
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();

                (double top1, double top5) = TopKError.Compute(output.detach(), target);
                progress.BatchCompleted(logger.Update(batchNumber, batch.Count, lossValue, top1, top5, learningRate));
            }
        }
        PhaseSummary summary = logger.Summary();
        progress.PhaseCompleted(summary);
        return summary;
    }

    /// <summary>
    /// Evaluates on <paramref name="data"/>. Batches of several crops per image (<c>[N, crops, C, H, W]</c>,
    /// ten-crop testing) have the scores of an image's crops summed before top-k; the loss is that of the
    /// crops' mean score.
    /// </summary>
    public PhaseSummary Evaluate(int epoch, BatchSource data)
    {
        model.eval();
        using IDisposable noGrad = no_grad();
        progress.PhaseStarted(TrainingPhase.Test, epoch, data.BatchesPerEpoch);
        var logger = new MetricLogger(TrainingPhase.Test, epoch, data.BatchesPerEpoch);
        int batchNumber = 0;
        foreach (Batch batch in data.Epoch(epoch))
        {
            using (batch)
            using (DisposeScope scope = NewDisposeScope())
            {
                batchNumber = NumberOf(batch, batchNumber, data);
                Tensor images = batch.Images;
                int crops = images.dim() == 5 ? (int)images.shape[1] : 1;
                Tensor input = crops > 1 ? images.flatten(0, 1) : images;
                Tensor target = batch.Labels.to(device);
                Tensor scores = TopKError.SumCrops(model.forward(input.to(device)), crops);
                double loss = nn.functional.cross_entropy(scores / crops, target).item<float>();
                (double top1, double top5) = TopKError.Compute(scores, target);
                progress.BatchCompleted(logger.Update(batchNumber, batch.Count, loss, top1, top5, learningRate: 0));
            }
        }
        PhaseSummary summary = logger.Summary();
        progress.PhaseCompleted(summary);
        return summary;
    }

    /// <summary>
    /// The 1-based number of <paramref name="batch"/> in its epoch, which sets its learning rate: its
    /// <see cref="Batch.Index"/>, so batches after one the loader left out keep their place in the schedule;
    /// for unnumbered batches, the one after <paramref name="previous"/>.
    /// </summary>
    private static int NumberOf(Batch batch, int previous, BatchSource data)
    {
        int number = batch.Index > 0 ? batch.Index : previous + 1;
        return number > previous && number <= data.BatchesPerEpoch
            ? number
            : throw new InvalidOperationException($"the loader yielded batch {number} after batch {previous} of the {data.BatchesPerEpoch} per epoch it announced");
    }
}
