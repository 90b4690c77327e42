using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>Turns <c>--device cpu|cuda</c> into a TorchSharp device.</summary>
public static class TrainingDevice
{
    /// <summary>The names <c>--device</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["cpu", "cuda"];

    /// <summary>The device named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is unknown, or CUDA was asked for and is not available.</exception>
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new ArgumentException(
            "--device cuda: CUDA is not available (no GPU, or this build binds the CPU libtorch); use --device cpu, or build with -p:ClcNetTorchBackend=cuda on a machine with a GPU"),
        _ => throw new ArgumentException($"--device {name}: unknown device; use cpu or cuda"),
    };
}
