using System.Text;

namespace ClcNet.Generators.Tests.Infrastructure;

/// <summary>A unified diff of two texts, line by line (longest common subsequence), as <c>diff -u</c> prints it.</summary>
internal static class LineDiff
{
    private readonly record struct Edit(char Kind, string Line, int BeforeIndex, int AfterIndex);

    /// <summary>Hunks of changed lines with <paramref name="context"/> unchanged lines around each; empty when equal.</summary>
    public static string Unified(string before, string after, string beforeName, string afterName, int context = 3)
    {
        List<Edit> edits = Edits(Lines(before), Lines(after));
        var diff = new StringBuilder();
        int next = 0;
        while (true)
        {
            int firstChange = edits.FindIndex(next, edit => edit.Kind != ' ');
            if (firstChange < 0)
            {
                break;
            }
            int lastChange = firstChange;
            for (int i = firstChange + 1; i < edits.Count && i - lastChange - 1 <= 2 * context; i++)
            {
                if (edits[i].Kind != ' ')
                {
                    lastChange = i;
                }
            }
            int start = Math.Max(next, firstChange - context);
            int end = Math.Min(edits.Count, lastChange + context + 1);
            if (diff.Length == 0)
            {
                diff.Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
            }
            AppendHunk(diff, edits.GetRange(start, end - start));
            next = end;
        }
        return diff.ToString();
    }

    private static void AppendHunk(StringBuilder diff, List<Edit> hunk)
    {
        int beforeCount = hunk.Count(edit => edit.Kind != '+');
        int afterCount = hunk.Count(edit => edit.Kind != '-');
        // diff -u numbers lines from 1, and names the line before the hunk when a side has none.
        int beforeStart = hunk[0].BeforeIndex + (beforeCount > 0 ? 1 : 0);
        int afterStart = hunk[0].AfterIndex + (afterCount > 0 ? 1 : 0);
        diff.Append($"@@ -{beforeStart},{beforeCount} +{afterStart},{afterCount} @@\n");
        foreach (Edit edit in hunk)
        {
            diff.Append(edit.Kind).Append(edit.Line).Append('\n');
        }
    }

    private static List<Edit> Edits(string[] before, string[] after)
    {
        // common[i, j]: length of the longest common subsequence of before[i..] and after[j..].
        var common = new int[before.Length + 1, after.Length + 1];
        for (int i = before.Length - 1; i >= 0; i--)
        {
            for (int j = after.Length - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }
        var edits = new List<Edit>();
        int b = 0, a = 0;
        while (b < before.Length || a < after.Length)
        {
            if (b < before.Length && a < after.Length && before[b] == after[a])
            {
                edits.Add(new Edit(' ', before[b], b++, a++));
            }
            else if (a == after.Length || (b < before.Length && common[b + 1, a] >= common[b, a + 1]))
            {
                edits.Add(new Edit('-', before[b], b++, a));
            }
            else
            {
                edits.Add(new Edit('+', after[a], b, a++));
            }
        }
        return edits;
    }

    private static string[] Lines(string text)
    {
        string normalized = text.Replace("\r\n", "\n");
        if (normalized.EndsWith('\n'))
        {
            normalized = normalized[..^1];
        }
        return normalized.Length == 0 ? [] : normalized.Split('\n');
    }
}
