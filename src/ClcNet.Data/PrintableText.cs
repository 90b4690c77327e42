using System.Globalization;
using System.Text;

namespace ClcNet.Data;

/// <summary>
/// Makes text that did not come from this program (bytes of a damaged file, a library's message, a file name)
/// fit a one-line error message: line breaks and tabs become spaces, other control, format and unassigned
/// characters become <c>\uXXXX</c> escapes, and text past a bound is cut, saying how long it was.
/// </summary>
public static class PrintableText
{
    /// <summary>The bound for text quoted from a file or a library inside a message.</summary>
    public const int QuoteLength = 200;

    /// <summary><paramref name="text"/> as one printable line of at most about <paramref name="maxLength"/> characters.</summary>
    public static string OneLine(string text, int maxLength = QuoteLength)
    {
        var line = new StringBuilder(Math.Min(text.Length, maxLength) + 32);
        for (var i = 0; i < text.Length; i++)
        {
            if (line.Length >= maxLength)
            {
                line.Append(CultureInfo.InvariantCulture, $"... (cut, {text.Length} characters in all)");
                break;
            }
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                line.Append(c).Append(text[++i]);
            }
            else if (c is '\n' or '\r' or '\t')
            {
                line.Append(' ');
            }
            else if (IsPrintable(c))
            {
                line.Append(c);
            }
            else
            {
                line.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }
        return line.ToString();
    }

    private static bool IsPrintable(char c) => char.GetUnicodeCategory(c) is not (UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate
        or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);
}
