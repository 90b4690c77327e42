using System;
using System.CodeDom.Compiler;
using System.Globalization;
using System.IO;

namespace ClcNet.Generators;

/// <summary>
/// Writes indented C# with '\n' line ends and invariant-culture numbers, so that generated source is the
/// same on every machine. Templates are raw-string literals written at the current indentation.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringWriter text = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
    private readonly IndentedTextWriter writer;

    public SourceWriter()
    {
        writer = new IndentedTextWriter(text, "    ");
    }

    /// <summary>
    /// Writes each line of <paramref name="lines"/> (one line, or a multi-line raw-string template) at the current
    /// indentation; empty lines get no trailing indentation. Interpolated values use the invariant culture, and the
    /// template's own line ends (CRLF in a Windows checkout) become '\n'.
    /// </summary>
    public void Line(FormattableString lines)
    {
        foreach (string line in lines.ToString(CultureInfo.InvariantCulture).Split('\n'))
        {
            string withoutReturn = line.TrimEnd('\r');
            if (withoutReturn.Length == 0)
            {
                Line();
            }
            else
            {
                writer.WriteLine(withoutReturn);
            }
        }
    }

    /// <summary>Writes an empty line (without trailing indentation).</summary>
    public void Line() => writer.WriteLineNoTabs(string.Empty);

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until <see cref="CloseBlock"/>.</summary>
    public void OpenBlock(FormattableString header)
    {
        Line(header);
        Line($"{{");
        writer.Indent++;
    }

    /// <summary>Ends the block <see cref="OpenBlock"/> started.</summary>
    public void CloseBlock()
    {
        writer.Indent--;
        Line($"}}");
    }

    public override string ToString() => text.ToString();
}
