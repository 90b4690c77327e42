namespace ClcNet.Interop.Torch7;

/// <summary>
/// A Lua table read from a Torch7 file. Keys are <see cref="string"/>, <see cref="double"/> (Lua numbers, so
/// <c>modules[1]</c> is the key <c>1.0</c>), <see cref="bool"/>, or a table or object itself (compared by
/// reference, as Lua does). Values are what <see cref="Torch7Reader"/> returns. Several places of a file
/// may refer to one table, and a table may contain itself.
/// </summary>
public sealed class Torch7Table
{
    private readonly Dictionary<object, object?> entries = [];

    internal Torch7Table(Torch7Path location)
    {
        Location = location;
    }

    /// <summary>Where the table was first read, e.g. <c>modules[5].modules</c>.</summary>
    public string Path => Location.ToString();

    internal Torch7Path Location { get; }

    /// <summary>Number of entries.</summary>
    public int Count => entries.Count;

    /// <summary>Every key and value, in no particular order (Lua tables have none).</summary>
    public IEnumerable<KeyValuePair<object, object?>> Entries => entries;

    /// <summary>The value under a string key, or null (Lua's nil) when there is none.</summary>
    public object? this[string key] => entries.GetValueOrDefault(key);

    /// <summary>The value under a number key (e.g. the <c>i</c>-th element of a Lua list, from 1), or null.</summary>
    public object? this[double key] => entries.GetValueOrDefault(key);

    /// <summary>The value under any key (compared as Lua compares keys), or null.</summary>
    public object? Get(object key) => entries.GetValueOrDefault(key);

    /// <summary>Whether the keys are exactly 1 to <see cref="Count"/>, i.e. the table is a Lua list (a sequence).</summary>
    public bool IsList()
    {
        for (int i = 1; i <= entries.Count; i++)
        {
            if (!entries.ContainsKey((double)i))
            {
                return false;
            }
        }
        return true;
    }

    // As in Lua, assigning nil removes the key.
    internal void Set(object key, object? value)
    {
        if (value is null)
        {
            entries.Remove(key);
        }
        else
        {
            entries[key] = value;
        }
    }
}
