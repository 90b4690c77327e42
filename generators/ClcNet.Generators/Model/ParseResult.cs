namespace ClcNet.Generators.Model;

/// <summary>What the parser found for one annotated class: the network to emit (null when an error
/// forbids it), the name it registers under (null when it does not register), and the diagnostics to report.</summary>
internal sealed record ParseResult(NetworkSpec? Network, NetworkRegistration? Registration, EquatableArray<DiagnosticInfo> Diagnostics);
