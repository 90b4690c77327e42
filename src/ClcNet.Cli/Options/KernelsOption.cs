using System.CommandLine;

namespace ClcNet.Cli.Options;

/// <summary>
/// <c>--kernels libtorch|ilgpu</c>: which implementation runs the CLC blocks (<see cref="ClcKernels"/>); for
/// <c>clcgen bench</c> also <c>both</c>, one after the other.
/// </summary>
internal sealed class KernelsOption
{
    private const string Both = "both";

    private static readonly IReadOnlyDictionary<string, ClcKernels> Named = Enum.GetValues<ClcKernels>().ToDictionary(NameOf);

    private readonly Option<string?> option;
    private readonly string fallback;

    private KernelsOption(string fallback, string purpose)
    {
        this.fallback = fallback;
        string[] accepted = fallback == Both ? [.. Named.Keys, Both] : [.. Named.Keys];
        option = new Option<string?>("--kernels")
        {
            Description = $"{purpose} ilgpu runs them on ILGPU kernels: on the first CUDA device ILGPU finds, else on its " +
                $"CPU accelerator, a slow simulator meant for testing (real kernel speed needs CUDA). Default: {fallback}.",
            HelpName = string.Join('|', accepted),
        }.OneOf(accepted, $"unknown kernels; use {string.Join(", ", accepted[..^1])} or {accepted[^1]}");
    }

    /// <summary>One choice, libtorch unless given (train, eval).</summary>
    public static KernelsOption Single() =>
        new("libtorch", "Which kernels run the CLC blocks: libtorch (its separate operators) or ilgpu.");

    /// <summary>One choice or both, both unless given (bench).</summary>
    public static KernelsOption OneOrBoth() =>
        new(Both, "Which kernels to measure: libtorch (its separate operators), ilgpu, or both, one after the other.");

    /// <summary>The option value that asks for <paramref name="kernels"/>, e.g. <c>ilgpu</c>.</summary>
    public static string NameOf(ClcKernels kernels) => kernels.ToString().ToLowerInvariant();

    /// <summary>The option with the value that asks for <paramref name="kernels"/>, for a config file.</summary>
    public (Option Option, object? Value) Resolved(ClcKernels kernels) => (option, NameOf(kernels));

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(option);

    /// <summary>The kernels asked for, in the order to run them.</summary>
    public IReadOnlyList<ClcKernels> Read(ParseResult result) => (result.GetValue(option) ?? fallback) is var name && name == Both
        ? Enum.GetValues<ClcKernels>()
        : [Named[name]];
}
