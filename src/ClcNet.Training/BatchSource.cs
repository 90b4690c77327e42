using ClcNet.Data;

namespace ClcNet.Training;

/// <summary>
/// One split as the trainer consumes it: a fixed number of batches per epoch, and the batches of an epoch
/// (1-based), reshuffled per epoch by the loader. <c>new BatchSource(loader.BatchesPerEpoch, loader.Epoch)</c>
/// adapts a <c>DataLoader</c>.
/// </summary>
public sealed record BatchSource(int BatchesPerEpoch, Func<int, IEnumerable<Batch>> Epoch);
