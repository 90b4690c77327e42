namespace ClcNet.Generators.Model
{
    /// <summary>What the parser found for one annotated class: the network to emit (null when an error
    /// forbids it) and the diagnostics to report.</summary>
    internal sealed record ParseResult(NetworkSpec? Network, EquatableArray<DiagnosticInfo> Diagnostics);
}
