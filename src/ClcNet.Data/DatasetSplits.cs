namespace ClcNet.Data;

/// <summary>The training and validation halves of a dataset.</summary>
public sealed record DatasetSplits(IImageDataset Train, IImageDataset Validation);
