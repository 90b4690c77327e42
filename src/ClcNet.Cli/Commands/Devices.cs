using ClcNet.Training;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary><c>--device</c> for every command.</summary>
internal static class Devices
{
    /// <summary>The device named by <c>--device</c> (cpu when not given).</summary>
    /// <exception cref="DeviceUnavailableException">Unknown, or CUDA is not available.</exception>
    public static Device Resolve(string? name) => TrainingDevice.Resolve(name ?? "cpu");
}
