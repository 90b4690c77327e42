using ClcNet.Data;
using ClcNet.Data.Loading;
using ClcNet.Training.Metrics;
using ClcNet.Training.Optimization;
using ClcNet.Training.Progress;
using ClcNet.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;
using SGD = TorchSharp.Modules.SGD;

namespace ClcNet.Training.Tests;

public sealed class TrainerTests
{
    /// <summary>8 images of <see cref="TinyNetwork"/>'s shape, labelled i mod 4; the listed ones cannot be loaded.</summary>
    private sealed class PartlyCorruptDataset(params int[] corrupt) : IImageDataset
    {
        public int Count => 8;

        public IReadOnlyList<string> Classes { get; } = TinyNetwork.ClassNames();

        public int Channels => 1;

        public int Size => TinyNetwork.Size;

        public int CropsPerSample => 1;

        public Sample Load(int index, Random random) => corrupt.Contains(index)
            ? throw new ImageLoadException($"img{index}.png", "corrupt")
            : new Sample([.. Enumerable.Range(0, Size * Size).Select(_ => (float)random.NextDouble())], index % 4);
    }

    [Fact]
    public void BatchesAfterOneTheLoaderLeftOutKeepTheirPlaceInTheSchedule()
    {
        // Batches of 2: the second (images 2 and 3) is wholly corrupt, so the loader yields batches 1, 3 and 4.
        // LR 0.1 over 1 epoch of 4 batches: lr = 0.1 (1 - (n - 1) / 4).
        torch.manual_seed(6);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(TinyNetwork.Spec());
        var loader = new DataLoader(new PartlyCorruptDataset(2, 3), batchSize: 2, shuffle: false, workers: 0, seed: 1);
        var data = new BatchSource(loader.BatchesPerEpoch, loader.Epoch);
        using SGD optimizer = ReferenceSgd.Create(model.parameters(), 0.1, 0.9, 1e-4);
        var progress = new RecordingProgress();

        new Trainer(model, CPU, progress).TrainOneEpoch(1, data, optimizer, new LinearLearningRateSchedule(0.1, 1, 4));

        Assert.Equal([1, 3, 4], progress.Batches.Select(b => b.Batch));
        Assert.Equal([0.1, 0.05, 0.025], progress.Batches.Select(b => Math.Round(b.LearningRate, 12)));
    }

    [Fact]
    public void TenCropEvaluationSumsTheCropsOfEachImage()
    {
        // Each image is repeated as its own 3 "crops": summing identical scores keeps every image's ranking, so the
        // errors must equal the single-crop ones; a mix-up of images and crops would change them.
        torch.manual_seed(4);
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(TinyNetwork.Spec());
        BatchSource singleCrop = SyntheticBatches.Create(batches: 3, batchSize: 8, seed: 9);
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
        using nn.Module<Tensor, Tensor> model = ClcNetRegistry.Create(TinyNetwork.Spec());
        BatchSource data = SyntheticBatches.Create(batches: 2, batchSize: 8, seed: 3);
        (double top1, double top5) = (0.0, 0.0);
        model.eval();
        using (no_grad())
        {
            foreach (Batch batch in data.Epoch(1))
            {
                using (batch)
                {
                    using Tensor scores = model.forward(batch.Images);
                    (double Top1, double Top5) errors = TopKError.Compute(scores, batch.Labels);
                    (top1, top5) = (top1 + errors.Top1 / 2, top5 + errors.Top5 / 2);
                }
            }
        }

        PhaseSummary summary = new Trainer(model, CPU, new RecordingProgress()).Evaluate(1, data);

        Assert.Equal(top1, summary.Top1, 9);
        Assert.Equal(top5, summary.Top5, 9);
    }
}
