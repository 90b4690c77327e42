using System.CommandLine;

namespace ClcNet.Cli.Options;

/// <summary>
/// <c>--kernels libtorch|ilgpu|cpu|auto</c>: which implementation runs the CLC blocks (<see cref="ClcKernels"/>;
/// auto is <see cref="DefaultKernels.For"/>); for <c>clcgen bench</c> one of them or <c>all</c>, one after the other.
/// </summary>
internal sealed class KernelsOption
{
    private const string Auto = "auto";
    private const string All = "all";

    private static readonly IReadOnlyDictionary<string, ClcKernels> Named = Enum.GetValues<ClcKernels>().ToDictionary(NameOf);

    private readonly Option<string?> option;
    private readonly string fallback;

    private KernelsOption(string fallback, string purpose)
    {
        this.fallback = fallback;
        string[] accepted = [.. Named.Keys, fallback];
        option = new Option<string?>("--kernels")
        {
            Description = $"{purpose} cpu runs them on the hand-vectorised CPU kernels (AVX-512, AVX2/FMA, SSE or AdvSimd; CPU " +
                $"tensors only); ilgpu on ILGPU kernels: on the first CUDA device ILGPU finds, else on its CPU accelerator, a slow " +
                $"simulator meant for testing (real kernel speed needs CUDA). Default: {fallback}.",
            HelpName = string.Join('|', accepted),
        }.OneOf(accepted, $"unknown kernels; use {string.Join(", ", accepted[..^1])} or {accepted[^1]}");
    }

    /// <summary>One choice, auto unless given (train, eval, classify).</summary>
    public static KernelsOption Single() =>
        new(Auto, "Which kernels run the CLC blocks: libtorch (its separate operators), ilgpu, cpu, or auto: cpu when the " +
            "device is the CPU and it has vector instructions, else libtorch.");

    /// <summary>One choice or all, all unless given (bench).</summary>
    public static KernelsOption OneOrAll() =>
        new(All, "Which kernels to measure: libtorch (its separate operators), ilgpu, cpu, or all, one after the other.");

    /// <summary>The option value that asks for <paramref name="kernels"/>, e.g. <c>ilgpu</c>.</summary>
    public static string NameOf(ClcKernels kernels) => kernels.ToString().ToLowerInvariant();

    /// <summary>The option with the value that asks for <paramref name="kernels"/>, for a config file.</summary>
    public (Option Option, object? Value) Resolved(ClcKernels kernels) => (option, NameOf(kernels));

    /// <summary>Adds the option to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(option);

    /// <summary>Whether every family was asked for (<c>all</c>, given or by default), rather than one by name.</summary>
    public bool AsksForAll(ParseResult result) => Name(result) == All;

    /// <summary>The kernels asked for, in the order to run them (bench).</summary>
    public IReadOnlyList<ClcKernels> ReadAll(ParseResult result) => Name(result) == All ? Enum.GetValues<ClcKernels>() : [Named[Name(result)]];

    /// <summary>The kernels asked for; null for auto (train, eval, classify: see <see cref="DefaultKernels.Resolve"/>).</summary>
    public ClcKernels? Read(ParseResult result) => Name(result) == Auto ? null : Named[Name(result)];

    private string Name(ParseResult result) => result.GetValue(option) ?? fallback;
}
