using System.CommandLine;

namespace ClcNet.Cli.Options;

/// <summary><c>--device cpu|cuda</c>, the same for every command that runs a network (resolved by <see cref="Commands.Devices"/>).</summary>
internal static class DeviceOption
{
    /// <summary>A new <c>--device</c> option; not given means cpu.</summary>
    public static Option<string?> Create() => new("--device")
    {
        Description = "cpu or cuda. Default: cpu.",
        HelpName = "cpu|cuda",
    };
}
