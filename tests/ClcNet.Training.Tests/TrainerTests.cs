using ClcNet.Data;
using ClcNet.Training.Metrics;
using ClcNet.Training.Progress;
using ClcNet.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training.Tests;

public sealed class TrainerTests
{
    [Fact]
    public void TenCropEvaluationSumsTheCropsOfEachImage()
    {
        // Each image is repeated as its own 3 "crops": summing identical scores keeps every image's ranking, so the
        // errors must equal the single-crop ones; a mix-up of images and crops would change them.
        torch.manual_seed(4);
        using nn.Module<Tensor, Tensor> model = NetworkFactory.Create(TinyNetwork.Spec());
        var singleCrop = SyntheticBatches.Create(batches: 3, batchSize: 8, seed: 9);
        var threeCrops = new BatchSource(3, epoch => singleCrop.Epoch(epoch).Select(batch =>
        {
            using (batch)
            {
                return new Batch(batch.Images.unsqueeze(1).expand(-1, 3, -1, -1, -1).contiguous(), batch.Labels.clone());
            }
        }));
        var trainer = new Trainer(model, CPU, new RecordingProgress());

        PhaseSummary expected = trainer.Evaluate(1, singleCrop);
        PhaseSummary actual = trainer.Evaluate(1, threeCrops);

        Assert.Equal((expected.Top1, expected.Top5, expected.Images), (actual.Top1, actual.Top5, actual.Images));
        Assert.Equal(expected.Loss, actual.Loss, 5);
    }

    [Fact]
    public void EvaluationErrorsAreThoseOfTheModelsScores()
    {
        torch.manual_seed(5);
        using nn.Module<Tensor, Tensor> model = NetworkFactory.Create(TinyNetwork.Spec());
        var data = SyntheticBatches.Create(batches: 2, batchSize: 8, seed: 3);
        var (top1, top5) = (0.0, 0.0);
        model.eval();
        using (no_grad())
        {
            foreach (Batch batch in data.Epoch(1))
            {
                using (batch)
                {
                    using Tensor scores = model.forward(batch.Images);
                    var errors = TopKError.Compute(scores, batch.Labels);
                    (top1, top5) = (top1 + errors.Top1 / 2, top5 + errors.Top5 / 2);
                }
            }
        }

        PhaseSummary summary = new Trainer(model, CPU, new RecordingProgress()).Evaluate(1, data);

        Assert.Equal(top1, summary.Top1, 9);
        Assert.Equal(top5, summary.Top5, 9);
    }
}
