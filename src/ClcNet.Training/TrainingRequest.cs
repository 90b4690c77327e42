using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>Everything a training run needs besides its data.</summary>
/// <param name="Spec">The network to train.</param>
/// <param name="Classes">Class names, index = label; saved with every model file.</param>
/// <param name="Options">Hyperparameters.</param>
/// <param name="SaveDirectory">Where checkpoints, <c>metrics.csv</c>, <c>curves.png</c> and TensorBoard logs go.</param>
/// <param name="Device">Where the network runs.</param>
public sealed record TrainingRequest(
    ClcNetSpec Spec,
    IReadOnlyList<string> Classes,
    TrainingOptions Options,
    string SaveDirectory,
    Device Device)
{
    /// <summary>First epoch when not resuming (<c>--epoch-number</c>), 1-based.</summary>
    public int FirstEpoch { get; init; } = 1;

    /// <summary>The checkpoint to continue from (<c>--resume</c>), with the folder it lives in.</summary>
    public (CheckpointStore Store, LatestCheckpoint Latest)? Resume { get; init; }

    /// <summary>A model file whose weights to start from (<c>--retrain</c>).</summary>
    public string? RetrainFile { get; init; }

    /// <summary>Start the classifier afresh when loading <see cref="RetrainFile"/> (<c>--reset-classifier</c>).</summary>
    public bool ResetClassifier { get; init; }

    /// <summary>Which implementation runs the CLC blocks (<c>--kernels</c>); like the device, not saved with checkpoints.</summary>
    public ClcKernels Kernels { get; init; } = ClcKernels.LibTorch;

    /// <summary>Also write TensorBoard event files (<c>--tensorboard</c>).</summary>
    public bool TensorBoard { get; init; }
}
