using System;
using System.CodeDom.Compiler;
using System.Globalization;
using System.IO;

namespace ClcNet.Generators
{
    /// <summary>
    /// Writes indented C# with '\n' line ends and invariant-culture numbers, so that generated source is the
    /// same on every machine.
    /// </summary>
    internal sealed class SourceWriter
    {
        private readonly StringWriter text = new(CultureInfo.InvariantCulture) { NewLine = "\n" };
        private readonly IndentedTextWriter writer;

        public SourceWriter()
        {
            writer = new IndentedTextWriter(text, "    ");
        }

        /// <summary>Writes one line; interpolated values are formatted with the invariant culture.</summary>
        public void Line(FormattableString line) => writer.WriteLine(line.ToString(CultureInfo.InvariantCulture));

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
}
