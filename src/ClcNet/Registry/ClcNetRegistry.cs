using System.Reflection;
using System.Runtime.CompilerServices;
using static TorchSharp.torch;

namespace ClcNet;

/// <summary>
/// Every network class generated from <c>[ClcNet]</c> in the assemblies of the process, by name and by spec. Each
/// generated class registers itself from a module initialiser (<see cref="ModuleInitializerAttribute"/>), under the
/// attribute's <c>Name</c> or else its class name in lower case (<c>ClcNetA</c> is <c>clcneta</c>). Classes nested
/// inside a private or protected type cannot: a module initialiser must be visible to the whole assembly.
/// </summary>
/// <remarks>
/// The runtime runs an assembly's module initialisers when code first touches the assembly, not when the process
/// starts: a program that looks networks up by name before using anything of the assembly that declares them calls
/// <see cref="RegisterNetworksOf"/> once first (clcgen does, for <c>ClcNet.Training</c>).
/// Names compare case-insensitively. Two classes of one compilation cannot share a name (diagnostic CLC014); two
/// from different assemblies make that name ambiguous, and <see cref="Get"/> says which classes clash.
/// </remarks>
public static class ClcNetRegistry
{
    private static readonly Lock Gate = new();
    private static readonly List<RegisteredNetwork> Registered = [];

    /// <summary>Every registered network, ordered by name.</summary>
    public static IReadOnlyList<RegisteredNetwork> Networks
    {
        get
        {
            lock (Gate)
            {
                return [.. Registered.OrderBy(network => network.Name, NetworkName.Comparer).ThenBy(network => network.Type.FullName, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>The registered names, in order, each once.</summary>
    public static IReadOnlyList<string> Names => [.. Networks.Select(network => network.Name).Distinct(NetworkName.Comparer)];

    /// <summary>
    /// Registers <typeparamref name="TNetwork"/> under <paramref name="name"/>. Generated classes call this from their
    /// module initialiser; registering the same class again changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The name is not a network name, or the spec breaks a rule.</exception>
    public static void Register<TNetwork>(string name, ClcNetSpec spec) where TNetwork : nn.Module<Tensor, Tensor>, new()
    {
        if (NetworkName.FindProblem(name) is string problem)
        {
            throw new ArgumentException($"{typeof(TNetwork)}: {problem}", nameof(name));
        }
        spec.Validate();
        lock (Gate)
        {
            if (!Registered.Any(network => network.Type == typeof(TNetwork)))
            {
                Registered.Add(new RegisteredNetwork(name, spec, typeof(TNetwork), static () => new TNetwork()));
            }
        }
    }

    /// <summary>
    /// Runs the module initialisers of <paramref name="assembly"/> now, so that its networks are registered before
    /// anything of it is used. Running them again does nothing.
    /// </summary>
    public static void RegisterNetworksOf(Assembly assembly) => RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);

    /// <summary>The network registered as <paramref name="name"/> (case-insensitively).</summary>
    /// <exception cref="UnknownNetworkException">None is; the message lists the names that are.</exception>
    /// <exception cref="InvalidOperationException">Classes of two assemblies are registered under the name.</exception>
    public static RegisteredNetwork Get(string name)
    {
        List<RegisteredNetwork> named = [.. Networks.Where(network => NetworkName.Comparer.Equals(network.Name, name))];
        return named.Count switch
        {
            0 => throw new UnknownNetworkException(name, Names),
            1 => named[0],
            _ => throw new InvalidOperationException(
                $"'{name}' names {named.Count} registered networks: {string.Join(", ", named.Select(network => $"{network.Type.FullName} ({network.Type.Assembly.GetName().Name})"))}; " +
                "give each another Name in its [ClcNet] attribute"),
        };
    }

    /// <summary>
    /// The registered network of exactly <paramref name="spec"/> (every field equal), or null. When several are, the
    /// first by name: they have the same layers, so any of them serves.
    /// </summary>
    public static RegisteredNetwork? Find(ClcNetSpec spec) => Networks.FirstOrDefault(network => network.Spec == spec);

    /// <summary>
    /// A freshly initialised network for <paramref name="spec"/>, on the CPU: the registered generated class of exactly
    /// that spec when there is one, else one built at run time by <see cref="ClcNetModel.Create"/>. Both have the same
    /// parameter names and layout, so their checkpoints are interchangeable.
    /// </summary>
    /// <exception cref="ArgumentException">The spec breaks a rule; the message names it.</exception>
    public static nn.Module<Tensor, Tensor> Create(ClcNetSpec spec) => Find(spec)?.Create() ?? ClcNetModel.Create(spec);
}
