using System;
using System.Collections;
using System.Collections.Generic;

namespace ClcNet.Generators.Model;

/// <summary>
/// An immutable array compared by its elements, so that pipeline models holding one compare by value
/// and the incremental generator can tell an unchanged input from a changed one.
/// </summary>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? items;

    public EquatableArray(IEnumerable<T> items)
    {
        this.items = new List<T>(items).ToArray();
    }

    public int Count => items?.Length ?? 0;

    public T this[int index] => (items ?? Array.Empty<T>())[index];

    public bool Equals(EquatableArray<T> other)
    {
        T[] mine = items ?? Array.Empty<T>();
        T[] theirs = other.items ?? Array.Empty<T>();
        if (mine.Length != theirs.Length)
        {
            return false;
        }
        for (int i = 0; i < mine.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i]))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        int hash = 17;
        foreach (T item in this)
        {
            hash = unchecked(hash * 31 + EqualityComparer<T>.Default.GetHashCode(item));
        }
        return hash;
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
