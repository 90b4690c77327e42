// Shared with the source generator (generators/ClcNet.Generators compiles this file too):
// keep it netstandard2.0-compatible and free of TorchSharp.
using System;

namespace ClcNet;

/// <summary>
/// The names networks register under in <c>ClcNetRegistry</c> (what <c>clcgen --net NAME</c> takes): the rule a
/// name keeps, the name a class gets when its <c>[ClcNet]</c> attribute gives none, and how names compare.
/// </summary>
internal static class NetworkName
{
    /// <summary>Names compare case-insensitively: <c>--net ClcNetA</c> finds <c>clcneta</c>, and the two cannot both be registered.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>The name of a class whose attribute gives none: the class name in lower case (<c>ClcNetA</c> is <c>clcneta</c>).</summary>
    public static string ForClass(string className) => className.ToLowerInvariant();

    /// <summary>What keeps <paramref name="name"/> from being a network name, or null when it is one.</summary>
    public static string? FindProblem(string name)
    {
        if (name.Length == 0)
        {
            return "a network name cannot be empty";
        }
        foreach (char character in name)
        {
            if (!char.IsLetterOrDigit(character) && character != '-' && character != '_' && character != '.')
            {
                return $"'{character}' cannot be part of a network name: use letters, digits, '-', '_' and '.'";
            }
        }
        return null;
    }
}
