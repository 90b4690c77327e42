using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace ClcNet.Data.Loading;

/// <summary>
/// Batches a dataset with <c>workers</c> background threads (none: load on the caller's thread), at most
/// <c>2 x workers</c> batches ahead of the consumer, delivered in order. The epoch's shuffle and every sample's
/// random transforms depend only on (seed, epoch, sample index), so a run is reproducible with any number of
/// workers. An image that cannot be loaded is reported through <c>onSkipped</c> (on the consumer's thread,
/// in batch order), counted in <see cref="SkippedCount"/> and left out of its batch.
/// </summary>
public sealed class DataLoader
{
    private readonly IImageDataset dataset;
    private readonly bool shuffle;
    private readonly int workers;
    private readonly int seed;
    private readonly Action<ImageLoadException>? onSkipped;
    private int skipped;

    /// <summary>Creates a loader; nothing is loaded until an epoch is enumerated.</summary>
    public DataLoader(IImageDataset dataset, int batchSize, bool shuffle, int workers, int seed,
                      bool dropLast = false, Action<ImageLoadException>? onSkipped = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(workers);
        this.dataset = dataset;
        BatchSize = batchSize;
        this.shuffle = shuffle;
        this.workers = workers;
        this.seed = seed;
        this.onSkipped = onSkipped;
        // In longs: a batch size near int.MaxValue must not wrap around to no batches at all.
        BatchesPerEpoch = dropLast ? dataset.Count / batchSize : (int)((dataset.Count + (long)batchSize - 1) / batchSize);
    }

    /// <summary>Samples per batch (the last one may be smaller unless <c>dropLast</c>, and skipped images shrink a batch).</summary>
    public int BatchSize { get; }

    /// <summary>
    /// Batches in an epoch; one whose every image was skipped is not yielded, so an epoch may yield fewer
    /// (<see cref="Batch.Index"/> keeps each batch's position).
    /// </summary>
    public int BatchesPerEpoch { get; }

    /// <summary>Images skipped so far, over all epochs.</summary>
    public int SkippedCount => Volatile.Read(ref skipped);

    /// <summary>
    /// The batches of 1-based <paramref name="epoch"/>. The caller owns and disposes each batch. Leaving the
    /// enumeration early stops the workers and frees the batches they had prepared.
    /// </summary>
    public IEnumerable<Batch> Epoch(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        var order = Order(epoch);
        return workers == 0 ? Sequential(order, epoch) : Parallel(order, epoch);
    }

    private int[] Order(int epoch)
    {
        var order = Enumerable.Range(0, dataset.Count).ToArray();
        if (shuffle)
        {
            SampleSeeds.ForShuffle(seed, epoch).Shuffle(order);
        }

        return order;
    }

    private IEnumerable<Batch> Sequential(int[] order, int epoch)
    {
        for (var index = 0; index < BatchesPerEpoch; index++)
        {
            if (Deliver(LoadBatch(order, epoch, index)) is { } batch)
            {
                yield return batch;
            }
        }
    }

    private IEnumerable<Batch> Parallel(int[] order, int epoch)
    {
        using var prefetch = new Prefetcher(this, order, epoch);
        for (var index = 0; index < BatchesPerEpoch; index++)
        {
            if (Deliver(prefetch.Take(index)) is { } batch)
            {
                yield return batch;
            }
        }
    }

    private Batch? Deliver(LoadedBatch loaded)
    {
        foreach (ImageLoadException problem in loaded.Skipped)
        {
            Interlocked.Increment(ref skipped);
            onSkipped?.Invoke(problem);
        }
        return loaded.Batch;
    }

    private LoadedBatch LoadBatch(int[] order, int epoch, int index)
    {
        var start = index * BatchSize;
        var end = Math.Min(start + BatchSize, order.Length);
        var sampleLength = dataset.CropsPerSample * dataset.Channels * dataset.Size * dataset.Size;
        var pixels = new float[(end - start) * sampleLength];
        var labels = new List<long>(end - start);
        var problems = new List<ImageLoadException>();
        for (var position = start; position < end; position++)
        {
            var sampleIndex = order[position];
            Sample sample;
            try
            {
                sample = dataset.Load(sampleIndex, SampleSeeds.ForSample(seed, epoch, sampleIndex));
            }
            catch (ImageLoadException problem)
            {
                problems.Add(problem);
                continue;
            }
            sample.Pixels.CopyTo(pixels, labels.Count * sampleLength);
            labels.Add(sample.Label);
        }
        if (labels.Count == 0)
        {
            return new LoadedBatch(null, problems);
        }

        long[] shape = dataset.CropsPerSample == 1
            ? [labels.Count, dataset.Channels, dataset.Size, dataset.Size]
            : [labels.Count, dataset.CropsPerSample, dataset.Channels, dataset.Size, dataset.Size];
        Tensor images = tensor(labels.Count == end - start ? pixels : pixels[..(labels.Count * sampleLength)], shape);
        return new LoadedBatch(new Batch(images, tensor(labels.ToArray())) { Index = index + 1 }, problems);
    }

    private sealed record LoadedBatch(Batch? Batch, IReadOnlyList<ImageLoadException> Skipped);

    /// <summary>
    /// The worker threads of one epoch. Workers claim batch indices in increasing order, but only while fewer
    /// than the prefetch limit are waiting, so the batch the consumer needs next is always claimed first.
    /// </summary>
    private sealed class Prefetcher : IDisposable
    {
        private readonly DataLoader loader;
        private readonly int[] order;
        private readonly int epoch;
        private readonly SemaphoreSlim slots;
        private readonly CancellationTokenSource stop = new();
        private readonly Dictionary<int, LoadedBatch> ready = [];
        private readonly Thread[] threads;
        private ExceptionDispatchInfo? failure;
        private int nextIndex = -1;

        public Prefetcher(DataLoader loader, int[] order, int epoch)
        {
            this.loader = loader;
            this.order = order;
            this.epoch = epoch;
            slots = new SemaphoreSlim(2 * loader.workers);
            threads = [.. Enumerable.Range(0, loader.workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"clcnet-loader-{i}" })];
            foreach (Thread thread in threads)
            {
                thread.Start();
            }
        }

        /// <summary>Waits for batch <paramref name="index"/> and frees its prefetch slot.</summary>
        public LoadedBatch Take(int index)
        {
            LoadedBatch? loaded;
            lock (ready)
            {
                while (!ready.Remove(index, out loaded) && failure is null)
                {
                    Monitor.Wait(ready);
                }
            }
            failure?.Throw();
            slots.Release();
            return loaded!;
        }

        private void Work()
        {
            try
            {
                while (true)
                {
                    slots.Wait(stop.Token);
                    var index = Interlocked.Increment(ref nextIndex);
                    if (index >= loader.BatchesPerEpoch)
                    {
                        return;
                    }

                    LoadedBatch loaded = loader.LoadBatch(order, epoch, index);
                    lock (ready)
                    {
                        ready.Add(index, loaded);
                        Monitor.PulseAll(ready);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                lock (ready)
                {
                    failure ??= ExceptionDispatchInfo.Capture(e);
                    Monitor.PulseAll(ready);
                }
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            foreach (LoadedBatch loaded in ready.Values)
            {
                loaded.Batch?.Dispose();
            }

            slots.Dispose();
            stop.Dispose();
        }
    }
}
