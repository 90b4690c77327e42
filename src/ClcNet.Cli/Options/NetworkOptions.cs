using System.CommandLine;
using ClcNet.Training.Networks;

namespace ClcNet.Cli.Options;

/// <summary>
/// <c>--net NAME</c> (Torch: <c>-netType</c>), a network of <see cref="ClcNetRegistry"/>, and the depths <c>-a -b -c -d</c>.
/// Depths given on the command line replace those of the named network (or of clcNet(0, 0, 0, 0) when no name is given).
/// </summary>
internal sealed class NetworkOptions
{
    private const string DepthsHint = "or give the depths with -a -b -c -d";

    // Module initialisers run when code first uses an assembly, and summary and bench read --net before anything of
    // ClcNet.Training has run: register its networks (clcneta, clcnetb, fashionmnistnet) here, where clcgen reads names.
    static NetworkOptions() => ClcNetRegistry.RegisterNetworksOf(typeof(FashionMnistNet).Assembly);

    private readonly Option<string?> net = new Option<string?>("--net", "-netType")
    {
        Description = $"A registered network, whose depths are taken: {string.Join(", ", ClcNetRegistry.Networks)}.",
        HelpName = "NAME",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<int?>[] depths =
    [
        Depth("-a", "stage 1 (128 channels)"),
        Depth("-b", "stage 2 (256 channels)"),
        Depth("-c", "stage 3 (512 channels)"),
        Depth("-d", "stage 4 (1024 channels)"),
    ];

    public NetworkOptions()
    {
        net.Validators.Add(result =>
        {
            string typed = result.IdentifierToken?.Value ?? net.Name;
            string? name = result.Tokens.Count == 0 ? null : result.GetValueOrDefault<string?>();
            if (string.IsNullOrEmpty(name))
            {
                result.AddError($"{typed} needs a network name; registered: {string.Join(", ", ClcNetRegistry.Names)}");
                return;
            }
            try
            {
                ClcNetRegistry.Get(name);
            }
            catch (UnknownNetworkException unknown)
            {
                result.AddError($"{typed} {name}: {unknown.Message}; {DepthsHint}");
            }
        });
    }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(net);
        foreach (Option<int?> depth in depths)
        {
            command.Options.Add(depth);
        }
    }

    /// <summary>The network asked for, or null when none of the options was given.</summary>
    public NetworkChoice? Read(ParseResult result)
    {
        string? name = result.GetValue(net);
        int?[] given = depths.Select(result.GetValue).ToArray();
        if (name is null && given.All(depth => depth is null))
        {
            return null;
        }
        NetworkChoice baseline = name is null ? new NetworkChoice(0, 0, 0, 0) : NetworkChoice.From(ClcNetRegistry.Get(name).Spec);
        return new NetworkChoice(given[0] ?? baseline.A, given[1] ?? baseline.B, given[2] ?? baseline.C, given[3] ?? baseline.D);
    }

    /// <summary>
    /// The depth options with the depths of <paramref name="spec"/>, for a config file; null depths when the depths
    /// alone would not give <paramref name="spec"/> (a stem stride or group size of its own, from a model file).
    /// </summary>
    public IEnumerable<(Option Option, object? Value)> Resolved(ClcNetSpec spec)
    {
        bool expressible = new ClcNetSpec(spec.DepthA, spec.DepthB, spec.DepthC, spec.DepthD, spec.Classes, spec.InputChannels, spec.InputSize) == spec;
        return depths.Zip(spec.ExtraBlocks, (depth, blocks) => ((Option)depth, expressible ? (object?)blocks : null));
    }

    private static Option<int?> Depth(string name, string stage) => new Option<int?>(name)
    {
        Description = $"Extra blocks in {stage}.",
        HelpName = "N",
    }.AtLeast(0);
}
