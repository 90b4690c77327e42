using System.Globalization;
using System.Text;

namespace ClcNet.Interop.Torch7;

/// <summary>
/// Where a value sits in a Torch7 object tree, e.g. <c>modules[5].modules[3].weight</c>: a chain of keys
/// back to the root, one small node per step, formatted only when a message needs it (so hostile files
/// with long keys or deep nesting cost no more than their bytes).
/// </summary>
internal sealed class Torch7Path
{
    /// <summary>The root object of a file.</summary>
    public static readonly Torch7Path Root = new(null, null);

    // Segments that are not Lua keys: the key of an entry while it is read, a tensor's storage, a function's upvalues.
    private static readonly Label KeyLabel = new("key");
    private static readonly Label StorageLabel = new("storage");
    private static readonly Label UpvaluesLabel = new("upvalues");

    private const int MaxSegmentLength = 40;
    private const int SegmentsKeptAtStart = 6;
    private const int SegmentsKeptAtEnd = 10;

    private readonly Torch7Path? parent;
    private readonly object? key;
    private readonly int depth;

    private Torch7Path(Torch7Path? parent, object? key)
    {
        this.parent = parent;
        this.key = key;
        depth = parent is null ? 0 : parent.depth + 1;
    }

    /// <summary>The value stored under <paramref name="key"/> of the table at this path.</summary>
    public Torch7Path Child(object key) => new(this, key);

    /// <summary>The key (not the value) of an entry of the table at this path, while it is read.</summary>
    public Torch7Path Key() => new(this, KeyLabel);

    /// <summary>The storage of the tensor at this path.</summary>
    public Torch7Path Storage() => new(this, StorageLabel);

    /// <summary>The upvalues of the function at this path.</summary>
    public Torch7Path Upvalues() => new(this, UpvaluesLabel);

    /// <summary>The path as Lua would index it, e.g. <c>modules[5].weight</c>; long or odd keys are shortened and escaped so the text stays one printable line.</summary>
    public override string ToString()
    {
        if (parent is null)
        {
            return "<top level>";
        }
        var segments = new object?[depth];
        for (Torch7Path? node = this; node?.parent is not null; node = node.parent)
        {
            segments[node.depth - 1] = node.key;
        }
        var text = new StringBuilder();
        for (int i = 0; i < segments.Length; i++)
        {
            if (segments.Length > SegmentsKeptAtStart + SegmentsKeptAtEnd && i == SegmentsKeptAtStart)
            {
                text.Append($"...({segments.Length - SegmentsKeptAtStart - SegmentsKeptAtEnd} more)...");
                i = segments.Length - SegmentsKeptAtEnd;
            }
            AppendSegment(text, segments[i], first: text.Length == 0);
        }
        return text.ToString();
    }

    private static void AppendSegment(StringBuilder text, object? segment, bool first)
    {
        switch (segment)
        {
            case string name when IsIdentifier(name):
                text.Append(first ? "" : ".").Append(name);
                break;
            case string name:
                text.Append("[\"").Append(Printable(name)).Append("\"]");
                break;
            case double number:
                text.Append('[').Append(number.ToString("R", CultureInfo.InvariantCulture)).Append(']');
                break;
            case bool flag:
                text.Append(flag ? "[true]" : "[false]");
                break;
            case Label label:
                text.Append(first ? "" : ".").Append('<').Append(label.Text).Append('>');
                break;
            case Torch7Object torchObject:
                text.Append('[').Append(Printable(torchObject.ClassName)).Append(']');
                break;
            case Torch7Tensor or Torch7Storage:
                text.Append("[tensor]");
                break;
            case Torch7Function:
                text.Append("[function]");
                break;
            default:
                text.Append("[table]");
                break;
        }
    }

    private sealed record Label(string Text);

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= MaxSegmentLength && !char.IsAsciiDigit(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary><paramref name="text"/> cut to a short length with control characters escaped, for one-line messages.</summary>
    public static string Printable(string text)
    {
        var result = new StringBuilder();
        foreach (char c in text.Length > MaxSegmentLength ? text[..MaxSegmentLength] : text)
        {
            result.Append(IsPrintable(c) && c != '"' ? c.ToString() : $"\\x{(int)c:x2}");
        }
        return text.Length > MaxSegmentLength ? result.Append("...").ToString() : result.ToString();
    }

    private static bool IsPrintable(char c) => !char.IsControl(c) && !char.IsSurrogate(c) &&
        char.GetUnicodeCategory(c) is not (UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Format);
}
