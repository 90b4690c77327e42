using System.CommandLine;

namespace ClcNet.Cli.Options;

/// <summary>
/// <c>--kernels libtorch|ilgpu|...</c>: which implementation runs the CLC blocks (<see cref="ClcKernels"/>, one
/// name per family); for <c>clcgen bench</c> also <c>all</c>, every family one after the other (<c>both</c>, its
/// name from when there were two, still means it).
/// </summary>
internal sealed class KernelsOption
{
    private const string All = "all";
    private const string Both = "both";

    private static readonly IReadOnlyDictionary<string, ClcKernels> Named = Enum.GetValues<ClcKernels>().ToDictionary(NameOf);

    private readonly Option<string?> option;
    private readonly string fallback;

    private KernelsOption(string fallback, string purpose)
    {
        this.fallback = fallback;
        bool many = fallback == All;
        string[] advertised = many ? [.. Named.Keys, All] : [.. Named.Keys];
        option = new Option<string?>("--kernels")
        {
            Description = $"{purpose} ilgpu runs them on ILGPU kernels: on the first CUDA device ILGPU finds, else on its " +
                $"CPU accelerator, a slow simulator meant for testing (real kernel speed needs CUDA). Default: {fallback}.",
            HelpName = string.Join('|', advertised),
        }.OneOf(many ? [.. advertised, Both] : advertised,
            $"unknown kernels; use {string.Join(", ", advertised[..^1])} or {advertised[^1]}");
    }

    /// <summary>One choice, libtorch unless given (train, eval).</summary>
    public static KernelsOption Single() =>
        new("libtorch", "Which kernels run the CLC blocks: libtorch (its separate operators) or ilgpu.");

    /// <summary>One family or all of them, all unless given (bench).</summary>
    public static KernelsOption OneOrAll() =>
        new(All, "Which kernels to measure: one family, or all of them one after the other (all; also accepted: both). " +
            "all leaves ilgpu out when ILGPU has no CUDA device.");

    /// <summary>The option value that asks for <paramref name="kernels"/>, e.g. <c>ilgpu</c>.</summary>
    public static string NameOf(ClcKernels kernels) => kernels.ToString().ToLowerInvariant();

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(option);

    /// <summary>Whether every family was asked for (<c>all</c>, given or by default), rather than one by name.</summary>
    public bool AsksForAll(ParseResult result) => (result.GetValue(option) ?? fallback) is All or Both;

    /// <summary>The kernels asked for, in the order to run them.</summary>
    public IReadOnlyList<ClcKernels> Read(ParseResult result) =>
        AsksForAll(result) ? Enum.GetValues<ClcKernels>() : [Named[result.GetValue(option) ?? fallback]];
}
