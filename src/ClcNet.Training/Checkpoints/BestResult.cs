namespace ClcNet.Training.Checkpoints;

/// <summary>The epoch with the lowest validation top-1 error so far, and its errors in percent.</summary>
public sealed record BestResult(int Epoch, double Top1, double Top5);
