using System.Collections;

namespace ClcNet.Testing.Torch7;

// What the test writer writes: Lua and Torch7 values, built by the tests. Each instance is written once
// and referred back to wherever it appears again, as Torch7's writer does.

/// <summary>A Lua table; entries keep the order they were added in (the writer may shuffle them).</summary>
internal sealed class LuaTable : IEnumerable<KeyValuePair<object, object?>>
{
    public List<KeyValuePair<object, object?>> Entries { get; } = [];

    public object? this[object key]
    {
        get => Entries.FirstOrDefault(entry => entry.Key.Equals(key)).Value;
        set
        {
            int index = Entries.FindIndex(entry => entry.Key.Equals(key));
            if (index >= 0)
            {
                Entries.RemoveAt(index);
            }
            if (value is not null)
            {
                Entries.Insert(index >= 0 ? index : Entries.Count, new(key, value));
            }
        }
    }

    /// <summary>A Lua list: the keys 1 to n.</summary>
    public static LuaTable List(params object?[] items)
    {
        var table = new LuaTable();
        for (int i = 0; i < items.Length; i++)
        {
            table[(double)(i + 1)] = items[i];
        }
        return table;
    }

    public IEnumerator<KeyValuePair<object, object?>> GetEnumerator() => Entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>An instance of a table-based Torch7 class (an nn module, ...), written with a <c>V n</c> header.</summary>
internal sealed record TorchObject(string ClassName, LuaTable Fields, int Version = 1);

/// <summary>A storage: the class (torch.FloatStorage, torch.CudaStorage, ...) and its raw little-endian elements.</summary>
internal sealed record TorchStorage(string ClassName, byte[] Data, int ElementSize)
{
    public long Count => Data.Length / ElementSize;

    /// <summary>A storage of class <paramref name="className"/> holding <paramref name="values"/> in its element type.</summary>
    public static TorchStorage Of(string className, IEnumerable<double> values)
    {
        // Longest type names first: torch.CudaIntStorage is an Int storage, torch.CudaStorage a Float one.
        (int size, Func<double, byte[]> encode) = className switch
        {
            _ when className.Contains("Double") => (8, v => BitConverter.GetBytes(v)),
            _ when className.Contains("Half") => (2, v => BitConverter.GetBytes((Half)v)),
            _ when className.Contains("Long") => (8, v => BitConverter.GetBytes((long)v)),
            _ when className.Contains("Int") => (4, v => BitConverter.GetBytes((int)v)),
            _ when className.Contains("Short") => (2, v => BitConverter.GetBytes((short)v)),
            _ when className.Contains("Char") => (1, v => [(byte)(sbyte)v]),
            _ when className.Contains("Byte") => (1, v => [(byte)v]),
            _ => (4, (Func<double, byte[]>)(v => BitConverter.GetBytes((float)v))),
        };
        return new TorchStorage(className, values.SelectMany(encode).ToArray(), size);
    }

    /// <summary>The storage class a tensor class views: torch.FloatTensor to torch.FloatStorage, torch.CudaTensor to torch.CudaStorage.</summary>
    public static string ClassFor(string tensorClass) => tensorClass.Replace("Tensor", "Storage");
}

/// <summary>A tensor: sizes, strides, the 1-based storage offset the file stores, and its storage.</summary>
internal sealed record TorchTensor(string ClassName, long[] Sizes, long[] Strides, long StorageOffset1, TorchStorage? Storage)
{
    /// <summary>An empty tensor (no dimensions, no storage), as clearState leaves outputs and buffers.</summary>
    public static TorchTensor Empty(string className = "torch.FloatTensor") => new(className, [], [], 1, null);

    /// <summary>A contiguous tensor of <paramref name="shape"/> at element <paramref name="offset"/> (0-based) of <paramref name="storage"/>.</summary>
    public static TorchTensor View(string className, TorchStorage storage, long offset, params long[] shape) =>
        new(className, shape, ContiguousStrides(shape), offset + 1, storage);

    /// <summary>A tensor of class <paramref name="className"/> with its own storage holding <paramref name="values"/>.</summary>
    public static TorchTensor Of(string className, IEnumerable<double> values, params long[] shape) =>
        View(className, TorchStorage.Of(TorchStorage.ClassFor(className), values), 0, shape);

    public static long[] ContiguousStrides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int dim = shape.Length - 1; dim >= 0; dim--)
        {
            strides[dim] = stride;
            stride *= shape[dim];
        }
        return strides;
    }
}

/// <summary>A serialised Lua function (written with type tag 8): bytecode that must never run, and its upvalues.</summary>
internal sealed record LuaFunction(byte[] Bytecode, LuaTable Upvalues);
