namespace ClcNet;

/// <summary>No network is registered under the name asked for; the message lists those that are.</summary>
public sealed class UnknownNetworkException : ArgumentException
{
    internal UnknownNetworkException(string name, IReadOnlyList<string> registered)
        : base(registered.Count == 0
            ? $"no network named '{name}' is registered (none is)"
            : $"no network named '{name}' is registered; registered: {string.Join(", ", registered)}")
    {
        Name = name;
        Registered = registered;
    }

    /// <summary>The name asked for.</summary>
    public string Name { get; }

    /// <summary>The names that are registered, in order.</summary>
    public IReadOnlyList<string> Registered { get; }
}
