using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Training;

/// <summary>Turns a device name, <c>cpu</c> or <c>cuda</c>, into a TorchSharp device.</summary>
public static class TrainingDevice
{
    /// <summary>The names <see cref="Resolve"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["cpu", "cuda"];

    /// <summary>The device named <paramref name="name"/>.</summary>
    /// <exception cref="DeviceUnavailableException">The name is unknown, or CUDA was asked for and is not available.</exception>
    public static Device Resolve(string name) => name switch
    {
        "cpu" => CPU,
        "cuda" when cuda.is_available() => CUDA,
        "cuda" => throw new DeviceUnavailableException(name, "CUDA is not available (no GPU, or this build binds the CPU libtorch)"),
        _ => throw new DeviceUnavailableException(name, "unknown device"),
    };

    /// <summary>The name <see cref="Resolve"/> turns into <paramref name="device"/>.</summary>
    public static string NameOf(Device device) => device.type == DeviceType.CUDA ? "cuda" : "cpu";
}
