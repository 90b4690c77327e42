using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ClcNet.Generators.Model;

/// <summary>
/// A diagnostic as plain values. <see cref="Diagnostic"/> and <see cref="Location"/> hold syntax trees,
/// which would keep old compilations alive in the generator's cache and never compare equal across runs.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo Location, EquatableArray<string> MessageArgs)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, params string[] messageArgs) =>
        new(descriptor, LocationInfo.From(location), new EquatableArray<string>(messageArgs));

    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location.ToLocation(), MessageArgs.ToArray<object>());
}

/// <summary>A source location as plain values.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
