using ClcNet.Data.FashionMnist;
using ClcNet.Data.Loading;
using ClcNet.Data.Tests.Support;

namespace ClcNet.Data.Tests.Loading;

public sealed class DataLoaderTests
{
    /// <summary>
    /// Sample i has label i and pixels (i, one draw from its generator); listed indices throw an
    /// <see cref="ImageLoadException"/>, and loading is stalled by varying amounts to scramble worker timing.
    /// </summary>
    private sealed class ProbeDataset(int count, params int[] corrupt) : IImageDataset
    {
        private int loads;

        public int Loads => Volatile.Read(ref loads);

        public int Count => count;

        public IReadOnlyList<string> Classes { get; } = [.. Enumerable.Range(0, count).Select(i => $"c{i}")];

        public int Channels => 1;

        public int Size => 1;

        public int CropsPerSample => 2;

        public Sample Load(int index, Random random)
        {
            Interlocked.Increment(ref loads);
            Thread.SpinWait((index * 7919 % 13) * 2000);
            if (corrupt.Contains(index))
            {
                throw new ImageLoadException($"img{index}.png", "corrupt");
            }

            return new Sample([index, (float)random.NextDouble()], index);
        }
    }

    private static List<(long[] Labels, float[] Pixels)> Run(DataLoader loader, int epoch)
    {
        var result = new List<(long[], float[])>();
        foreach (Batch batch in loader.Epoch(epoch))
        {
            using (batch)
            {
                result.Add((batch.Labels.data<long>().ToArray(), batch.Images.data<float>().ToArray()));
            }
        }

        return result;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_batch_left_out_keeps_the_index_of_the_batches_after_it(int workers)
    {
        // Batches of 2 in order: images 2 and 3 make up the second batch, so it is left out.
        var loader = new DataLoader(new ProbeDataset(8, 2, 3), 2, shuffle: false, workers, seed: 1);

        var indices = new List<int>();
        foreach (Batch batch in loader.Epoch(1))
        {
            using (batch)
            {
                indices.Add(batch.Index);
            }
        }

        Assert.Equal([1, 3, 4], indices);
    }

    [Fact]
    public void Results_are_identical_for_any_number_of_workers()
    {
        var dataset = new ProbeDataset(50);

        List<(long[] Labels, float[] Pixels)> sequential = Run(new DataLoader(dataset, 8, shuffle: true, workers: 0, seed: 5), epoch: 3);
        List<(long[] Labels, float[] Pixels)> one = Run(new DataLoader(dataset, 8, shuffle: true, workers: 1, seed: 5), epoch: 3);
        List<(long[] Labels, float[] Pixels)> four = Run(new DataLoader(dataset, 8, shuffle: true, workers: 4, seed: 5), epoch: 3);

        Assert.Equal(sequential.Select(b => b.Labels), one.Select(b => b.Labels));
        Assert.Equal(sequential.Select(b => b.Pixels), one.Select(b => b.Pixels));
        Assert.Equal(sequential.Select(b => b.Labels), four.Select(b => b.Labels));
        Assert.Equal(sequential.Select(b => b.Pixels), four.Select(b => b.Pixels));
    }

    [Fact]
    public void Each_epoch_is_a_fresh_permutation_with_fresh_per_sample_randomness()
    {
        var loader = new DataLoader(new ProbeDataset(40), 40, shuffle: true, workers: 2, seed: 1);

        (long[] Labels, float[] Pixels) first = Assert.Single(Run(loader, 1));
        (long[] Labels, float[] Pixels) second = Assert.Single(Run(loader, 2));
        (long[] Labels, float[] Pixels) otherSeed = Assert.Single(Run(new DataLoader(new ProbeDataset(40), 40, shuffle: true, workers: 2, seed: 2), 1));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), first.Labels.Order());
        Assert.NotEqual(first.Labels, second.Labels);
        Assert.NotEqual(first.Labels, otherSeed.Labels);
        // The draw of sample 0 differs between epochs.
        float DrawOfSampleZero((long[] Labels, float[] Pixels) run) => run.Pixels[2 * Array.IndexOf(run.Labels, 0L) + 1];
        Assert.NotEqual(DrawOfSampleZero(first), DrawOfSampleZero(second));
    }

    [Theory]
    [InlineData(false, 4, 6)] // 27 = 7 + 7 + 7 + 6
    [InlineData(true, 3, 7)]
    public void Without_shuffle_batches_come_in_dataset_order(bool dropLast, int batches, int lastSize)
    {
        var loader = new DataLoader(new ProbeDataset(27), 7, shuffle: false, workers: 3, seed: 0, dropLast);

        List<(long[] Labels, float[] Pixels)> run = Run(loader, 1);

        Assert.Equal(batches, loader.BatchesPerEpoch);
        Assert.Equal(batches, run.Count);
        Assert.Equal(Enumerable.Range(0, (batches - 1) * 7 + lastSize).Select(i => (long)i), run.SelectMany(b => b.Labels));
        Assert.Equal(lastSize, run[^1].Labels.Length);
    }

    [Fact]
    public void Batches_are_shaped_samples_by_crops_by_chw()
    {
        using Batch batch = new DataLoader(new ProbeDataset(5), 4, shuffle: false, workers: 1, seed: 0).Epoch(1).First();

        Assert.Equal([4, 2, 1, 1, 1], batch.Images.shape);
        Assert.Equal([4], batch.Labels.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Int64, batch.Labels.dtype);
    }

    [Fact]
    public void Unloadable_samples_are_reported_in_order_counted_and_left_out()
    {
        var reported = new List<string>();
        var loader = new DataLoader(new ProbeDataset(12, 3, 8, 9, 10, 11), 4, shuffle: false, workers: 3, seed: 0,
                                    onSkipped: e => reported.Add(e.Path));

        List<(long[] Labels, float[] Pixels)> run = Run(loader, 1);

        // The last batch lost every sample, so only two batches come out.
        Assert.Equal([[0L, 1, 2], [4L, 5, 6, 7]], run.Select(b => b.Labels));
        Assert.Equal(["img3.png", "img8.png", "img9.png", "img10.png", "img11.png"], reported);
        Assert.Equal(5, loader.SkippedCount);
        Run(loader, 2);
        Assert.Equal(10, loader.SkippedCount);
    }

    [Fact]
    public void Leaving_an_epoch_early_stops_the_workers_within_the_prefetch_limit()
    {
        var dataset = new ProbeDataset(400);
        var loader = new DataLoader(dataset, 4, shuffle: false, workers: 2, seed: 0);

        foreach (Batch batch in loader.Epoch(1))
        {
            batch.Dispose();
            break;
        }

        // One batch taken, at most 2 x workers prefetched, and one more in flight per worker when stopped.
        var loadsAfterStop = dataset.Loads;
        Assert.InRange(loadsAfterStop, 4, (1 + 2 * 2 + 2) * 4);
        Assert.Equal(loadsAfterStop, dataset.Loads);
        Assert.Equal(100, Run(loader, 2).Count);
    }

    [Fact]
    public void A_worker_failure_other_than_a_bad_image_reaches_the_consumer()
    {
        var failing = new FailingDataset();
        var loader = new DataLoader(failing, 2, shuffle: false, workers: 2, seed: 0);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => Run(loader, 1));

        Assert.Equal("dataset bug", error.Message);
    }

    [Fact]
    public void The_fashion_mnist_subset_loads_in_full_batches()
    {
        var dataset = FashionMnistDataset.Open(TestData.FashionMnistSubset, train: true);
        var loader = new DataLoader(dataset, 256, shuffle: true, workers: 2, seed: 0, dropLast: true);

        var sizes = new List<long>();
        foreach (Batch batch in loader.Epoch(1))
        {
            using (batch)
            {
                Assert.Equal([256, 1, 28, 28], batch.Images.shape);
                sizes.Add(batch.Count);
            }
        }

        Assert.Equal(Enumerable.Repeat(256L, 7), sizes);
    }

    [Fact]
    public void Epochs_are_numbered_from_one()
    {
        var loader = new DataLoader(new ProbeDataset(3), 1, shuffle: false, workers: 0, seed: 0);

        Assert.Throws<ArgumentOutOfRangeException>(() => loader.Epoch(0));
    }

    private sealed class FailingDataset : IImageDataset
    {
        public int Count => 6;

        public IReadOnlyList<string> Classes { get; } = ["only"];

        public int Channels => 1;

        public int Size => 1;

        public int CropsPerSample => 1;

        public Sample Load(int index, Random random) =>
            index == 3 ? throw new InvalidOperationException("dataset bug") : new Sample([0], 0);
    }
}
