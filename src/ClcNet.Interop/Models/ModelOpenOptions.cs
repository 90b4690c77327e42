using static TorchSharp.torch;

namespace ClcNet.Interop.Models;

/// <summary>How <see cref="ModelFiles"/> opens a model file.</summary>
public sealed record ModelOpenOptions
{
    /// <summary>Where the network runs (an ONNX model runs on ONNX Runtime's CPU and hands its logits to this device). Default: CPU.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>A file naming the model's classes, one per line (<see cref="ClassNamesFile"/>), in place of the names it carries; null keeps them.</summary>
    public string? ClassNamesFile { get; init; }

    /// <summary>
    /// The input side to run a Torch7 file at, which records none (<see cref="Torch7.Torch7Model.Load(string, int?)"/>);
    /// null for the largest its final pooling fits. Model files and ONNX models record their own and are not affected.
    /// </summary>
    public int? Torch7InputSize { get; init; }
}
