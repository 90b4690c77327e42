using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>A diagnostic a test expects: its ID and the source span it points at.</summary>
internal sealed record ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Reads sources marked up like Roslyn's own tests: <c>{|CLC006:Classes = 0|}</c> expects diagnostic
/// CLC006 exactly on <c>Classes = 0</c>.
/// </summary>
internal static partial class DiagnosticMarkup
{
    [GeneratedRegex(@"\{\|(?<id>[A-Z]+[0-9]+):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Marker();

    /// <summary>The source without markers, and the diagnostics the markers expect, in source order.</summary>
    public static (string Source, IReadOnlyList<ExpectedDiagnostic> Expected) Parse(string markup)
    {
        var source = new StringBuilder();
        var expected = new List<ExpectedDiagnostic>();
        int copied = 0;
        foreach (Match marker in Marker().Matches(markup))
        {
            source.Append(markup, copied, marker.Index - copied);
            string text = marker.Groups["text"].Value;
            expected.Add(new ExpectedDiagnostic(marker.Groups["id"].Value, new TextSpan(source.Length, text.Length)));
            source.Append(text);
            copied = marker.Index + marker.Length;
        }
        source.Append(markup, copied, markup.Length - copied);
        return (source.ToString(), expected);
    }
}
