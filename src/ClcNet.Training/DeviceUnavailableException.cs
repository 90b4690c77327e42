namespace ClcNet.Training;

/// <summary>The device asked for is unknown, or not available on this machine or in this build.</summary>
public sealed class DeviceUnavailableException(string device, string reason) : Exception
{
    /// <summary>The device name asked for.</summary>
    public string Device { get; } = device;

    /// <summary>Why it cannot be used.</summary>
    public string Reason { get; } = reason;

    /// <inheritdoc/>
    public override string Message => Describe("device");

    /// <summary>The message, with the caller's device setting called <paramref name="deviceSetting"/> (e.g. <c>--device</c>).</summary>
    public string Describe(string deviceSetting) => Device == "cuda"
        ? $"{deviceSetting} cuda: {Reason}; use {deviceSetting} cpu, or build with -p:ClcNetTorchBackend=cuda on a machine with a GPU"
        : $"{deviceSetting} {Device}: {Reason}; use {string.Join(" or ", TrainingDevice.Names)}";
}
