using static TorchSharp.torch;

namespace ClcNet;

/// <summary>A network class in <see cref="ClcNetRegistry"/>: its name, its spec, and how to build one.</summary>
public sealed class RegisteredNetwork
{
    private readonly Func<nn.Module<Tensor, Tensor>> create;

    internal RegisteredNetwork(string name, ClcNetSpec spec, Type type, Func<nn.Module<Tensor, Tensor>> create)
    {
        Name = name;
        Spec = spec;
        Type = type;
        this.create = create;
    }

    /// <summary>The name it is registered under, e.g. <c>clcneta</c>.</summary>
    public string Name { get; }

    /// <summary>The spec its class was generated from.</summary>
    public ClcNetSpec Spec { get; }

    /// <summary>The generated class.</summary>
    public Type Type { get; }

    /// <summary>A freshly initialised instance, on the CPU.</summary>
    public nn.Module<Tensor, Tensor> Create() => create();

    /// <inheritdoc/>
    public override string ToString() => $"{Name} = {Spec}";
}
