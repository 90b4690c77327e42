using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ClcNet.Interop.Torch7;

/// <summary>
/// Reads Torch7's binary serialisation (<c>torch.save</c>, as torch7's <c>File.lua</c> writeObject writes it,
/// little-endian with 8-byte longs as on 64-bit Linux): nil, numbers, strings, booleans, tables with
/// back-references (cycles included), torch classes with <c>V n</c> version headers and the legacy ones
/// without, tensors and storages of every element type (the Cuda ones included), tds.Hash and tds.Vec.
/// </summary>
/// <remarks>
/// <para>Values come back as null (nil), <see cref="double"/>, <see cref="string"/> (Lua's bytes as UTF-8),
/// <see cref="bool"/>, <see cref="Torch7Table"/>, <see cref="Torch7Object"/>, <see cref="Torch7Tensor"/>,
/// <see cref="Torch7Storage"/> and <see cref="Torch7Function"/>. A back-reference yields the instance read
/// before, so shared and cyclic structure stays shared and costs nothing more.</para>
/// <para>It never runs code: a serialised Lua function is stepped over and stands as a
/// <see cref="Torch7Function"/>. It is safe on hostile input: every count and length is checked against
/// the bytes left before anything is allocated for it, nesting is bounded by <see cref="MaxDepth"/> (and by
/// the calling thread's stack),
/// counts and indices must be whole and in range, every tensor view must lie inside its storage, and
/// anything else wrong is a <see cref="Torch7FormatException"/> naming the byte offset and the path.</para>
/// </remarks>
public sealed class Torch7Reader
{
    /// <summary>Deepest nesting of tables and objects read (an nn.Sequential model nests about 10 deep).</summary>
    public const int MaxDepth = 1000;

    // File.lua's type tags.
    private const int TypeNil = 0;
    private const int TypeNumber = 1;
    private const int TypeString = 2;
    private const int TypeTable = 3;
    private const int TypeTorch = 4;
    private const int TypeBoolean = 5;
    private const int TypeFunction = 6;
    private const int TypeLegacyRecurFunction = 7;
    private const int TypeRecurFunction = 8;

    // The fewest bytes one table entry can take: a key (a boolean, 8 bytes) and a nil value (4 bytes).
    private const int SmallestTableEntry = 12;

    // Stands for a tensor in the reference table while its storage is read.
    private static readonly object TensorBeingRead = new();

    private readonly ReadOnlyMemory<byte> data;
    private readonly string fileName;
    private readonly Dictionary<int, object> objects = [];
    private int position;

    private Torch7Reader(ReadOnlyMemory<byte> data, string fileName)
    {
        this.data = data;
        this.fileName = fileName;
    }

    private int Remaining => data.Length - position;

    /// <summary>Reads the object a Torch7 binary file holds.</summary>
    /// <exception cref="Torch7FormatException">The file is not a readable Torch7 binary file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static object? ReadFile(string path) => Read(File.ReadAllBytes(path), path);

    /// <summary>Reads the object that <paramref name="bytes"/> (a whole Torch7 binary file) hold.</summary>
    /// <param name="bytes">The file's bytes; storages keep referring to them.</param>
    /// <param name="fileName">Names the bytes in messages.</param>
    /// <exception cref="Torch7FormatException">The bytes are not a readable Torch7 binary file.</exception>
    public static object? Read(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var reader = new Torch7Reader(bytes, fileName);
        reader.RejectForeignFormats();
        object? root = reader.ReadObject(Torch7Path.Root, 0);
        if (reader.Remaining > 0)
        {
            throw reader.Error(Torch7Path.Root, reader.position,
                $"{reader.Remaining} bytes follow the end of the saved object: the file is corrupt or holds more than one object");
        }
        return root;
    }

    private void RejectForeignFormats()
    {
        ReadOnlySpan<byte> start = data.Span;
        string? format =
            start.StartsWith("PK\u0003\u0004"u8) ? "a zip archive (a PyTorch .pt/.pth file?)" :
            start.Length >= 2 && start[0] == 0x80 && start[1] <= 5 ? "a Python pickle (a legacy PyTorch file?)" :
            start.Length >= 2 && char.IsAsciiDigit((char)start[0]) && start[1] == '\n' ? "Torch7's ascii format" :
            null;
        if (format != null)
        {
            throw Error(Torch7Path.Root, 0, $"this is {format}, not a Torch7 binary file: save the model with torch.save(path, model) in Torch7");
        }
    }

    private object? ReadObject(Torch7Path path, int depth)
    {
        int start = position;
        int tag = ReadInt32(path, "a type tag");
        switch (tag)
        {
            case TypeNil:
                return null;
            case TypeNumber:
                return ReadDouble(path, "a number");
            case TypeString:
                return ReadString(path, "a string");
            case TypeBoolean:
                int flag = ReadInt32(path, "a boolean");
                return flag is 0 or 1 ? flag == 1 : throw Error(path, start, $"a boolean stored as {flag} (Torch7 writes 0 or 1)");
            case TypeFunction:
                return ReadFunction(path, depth, start, index: null);
            case TypeTable or TypeTorch or TypeRecurFunction or TypeLegacyRecurFunction:
                int index = ReadInt32(path, "an object index");
                if (objects.TryGetValue(index, out object? known))
                {
                    return known != TensorBeingRead ? known : throw Error(path, start, $"object {index} refers to the tensor that is being read");
                }
                if (index < 1)
                {
                    throw Error(path, start, $"object index {index} (Torch7 numbers objects from 1)");
                }
                return tag switch
                {
                    TypeTable => ReadTable(path, depth, start, index),
                    TypeTorch => ReadTorchObject(path, depth, start, index),
                    _ => ReadFunction(path, depth, start, index),
                };
            default:
                throw Error(path, start, $"unknown type tag {tag} (Torch7 writes 0 to 8): the file is corrupt or not a Torch7 binary file");
        }
    }

    private Torch7Table ReadTable(Torch7Path path, int depth, int start, int index)
    {
        CheckDepth(path, depth, start);
        int count = ReadInt32(path, "a table's entry count");
        if (count < 0 || count > Remaining / SmallestTableEntry)
        {
            throw Error(path, start, $"a table of {count} entries cannot fit in the {Remaining} bytes left");
        }
        var table = new Torch7Table(path);
        objects[index] = table;
        ReadEntries(table, count, path, depth);
        return table;
    }

    private void ReadEntries(Torch7Table table, long count, Torch7Path path, int depth)
    {
        for (long i = 0; i < count; i++)
        {
            int keyStart = position;
            object? key = ReadObject(path.Key(), depth + 1);
            if (key is null || key is double.NaN)
            {
                throw Error(path.Key(), keyStart, $"a table key is {(key is null ? "nil" : "NaN")}, which Lua does not allow");
            }
            table.Set(key, ReadObject(path.Child(key), depth + 1));
        }
    }

    private object ReadTorchObject(Torch7Path path, int depth, int start, int index)
    {
        CheckDepth(path, depth, start);
        string header = ReadString(path, "a class name or version");
        int version = 0;
        string className = header;
        // File.lua: a header "V <number>" is a version and the class name follows; anything else is a
        // class name written before Torch7 had versions.
        if (header.StartsWith("V ", StringComparison.Ordinal) &&
            double.TryParse(header.AsSpan(2), NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
        {
            if (number != Math.Floor(number) || number < 0 || number > int.MaxValue)
            {
                throw Error(path, start, $"class version \"{Torch7Path.Printable(header)}\" is not a whole number");
            }
            version = (int)number;
            className = ReadString(path, "a class name");
        }
        if (className.Length == 0)
        {
            throw Error(path, start, "a torch object with an empty class name");
        }
        if (Torch7TensorClasses.IsTensor(className, out Torch7ElementType tensorType))
        {
            return ReadTensor(path, depth, start, index, className, tensorType);
        }
        if (Torch7TensorClasses.IsStorage(className, out Torch7ElementType storageType))
        {
            return ReadStorage(path, start, index, className, storageType);
        }
        var torchObject = new Torch7Object(className, version, path);
        objects[index] = torchObject;
        torchObject.Fields = className switch
        {
            "tds.Hash" => ReadTdsHash(path, depth, start),
            "tds.Vec" => ReadTdsVec(path, depth, start),
            "nn.DataParallelTable" when version >= 2 => ReadDataParallelTable(path, depth),
            _ => ReadFields(path, depth, className),
        };
        return torchObject;
    }

    // nn.Module and every other table-based class (File.lua's default): one table of fields.
    private Torch7Table ReadFields(Torch7Path path, int depth, string className)
    {
        int start = position;
        return ReadObject(path, depth + 1) as Torch7Table
            ?? throw Error(path, start, $"the fields of a {Torch7Path.Printable(className)} are not a table (a class with its own serialisation this reader does not know?)");
    }

    // cunn's DataParallelTable (version 2 on) writes its gpuAssignments ahead of its fields; they are not needed.
    private Torch7Table ReadDataParallelTable(Torch7Path path, int depth)
    {
        ReadObject(path.Child("gpuAssignments"), depth + 1);
        return ReadFields(path, depth, "nn.DataParallelTable");
    }

    // tds.Hash: a long count, then keys and values.
    private Torch7Table ReadTdsHash(Torch7Path path, int depth, int start)
    {
        long count = ReadInt64(path, "a tds.Hash's entry count");
        if (count < 0 || count > Remaining / 8)
        {
            throw Error(path, start, $"a tds.Hash of {count} entries cannot fit in the {Remaining} bytes left");
        }
        var entries = new Torch7Table(path);
        ReadEntries(entries, count, path, depth);
        return entries;
    }

    // tds.Vec: a long count, then the elements, stored here under the keys 1 to count.
    private Torch7Table ReadTdsVec(Torch7Path path, int depth, int start)
    {
        long count = ReadInt64(path, "a tds.Vec's element count");
        if (count < 0 || count > Remaining / 4)
        {
            throw Error(path, start, $"a tds.Vec of {count} elements cannot fit in the {Remaining} bytes left");
        }
        var elements = new Torch7Table(path);
        for (long i = 1; i <= count; i++)
        {
            elements.Set((double)i, ReadObject(path.Child((double)i), depth + 1));
        }
        return elements;
    }

    // generic/Tensor.c: nDimension (int), sizes and strides (longs), storageOffset + 1 (long), the storage (an object).
    private Torch7Tensor ReadTensor(Torch7Path path, int depth, int start, int index, string className, Torch7ElementType type)
    {
        objects[index] = TensorBeingRead;
        int dimensions = ReadInt32(path, "a tensor's dimension count");
        if (dimensions < 0 || dimensions > (Remaining - 8) / 16)
        {
            throw Error(path, start, $"a {className} of {dimensions} dimensions cannot fit in the {Remaining} bytes left");
        }
        long[] sizes = ReadInt64s(path, dimensions, "a tensor's sizes");
        long[] strides = ReadInt64s(path, dimensions, "a tensor's strides");
        long storageOffset = ReadInt64(path, "a tensor's storage offset") - 1;
        for (int dim = 0; dim < dimensions; dim++)
        {
            if (sizes[dim] < 0 || strides[dim] < 0)
            {
                throw Error(path, start, $"a {className} with size {sizes[dim]} and stride {strides[dim]} in dimension {dim + 1} (neither may be negative)");
            }
        }
        if (storageOffset < 0)
        {
            throw Error(path, start, $"a {className} with storage offset {storageOffset + 1} (Torch7 counts from 1)");
        }
        Int128 elementCount = dimensions == 0 ? 0 : 1;
        Int128 lastElement = storageOffset;
        for (int dim = 0; dim < dimensions && elementCount > 0; dim++)
        {
            elementCount = Int128.Min(elementCount * sizes[dim], long.MaxValue);
            lastElement += (Int128)(sizes[dim] - 1) * strides[dim];
        }
        if (elementCount == long.MaxValue)
        {
            throw Error(path, start, $"a {className} of shape [{string.Join(", ", sizes)}] has too many elements");
        }

        int storageStart = position;
        object? storageObject = ReadObject(path.Storage(), depth + 1);
        string storageClass = className.Replace("Tensor", "Storage", StringComparison.Ordinal);
        Torch7Storage? storage = storageObject switch
        {
            null => null,
            Torch7Storage s when s.ClassName == storageClass => s,
            _ => throw Error(path.Storage(), storageStart, $"a {className} views {Describe(storageObject)}, not a {storageClass}"),
        };
        if (elementCount > 0 && (storage is null || lastElement >= storage.Count))
        {
            string problem = storage is null
                ? "has no storage"
                : $"reaches element {lastElement + 1} of a storage of {storage.Count}";
            throw Error(path, start, $"a {className} of shape [{string.Join(", ", sizes)}] at offset {storageOffset + 1} {problem}");
        }
        var tensor = new Torch7Tensor(className, type, sizes, strides, storageOffset, storage, (long)elementCount, path);
        objects[index] = tensor;
        return tensor;
    }

    // generic/Storage.c: the element count (long), then the raw elements.
    private Torch7Storage ReadStorage(Torch7Path path, int start, int index, string className, Torch7ElementType type)
    {
        long count = ReadInt64(path, "a storage's element count");
        int elementSize = Torch7TensorClasses.ElementSize(type);
        if (count < 0 || count > Remaining / elementSize)
        {
            throw Error(path, start, $"a {className} of {count} elements cannot fit in the {Remaining} bytes left");
        }
        int length = (int)count * elementSize;
        var storage = new Torch7Storage(className, type, data.Slice(position, length), path);
        position += length;
        objects[index] = storage;
        return storage;
    }

    // File.lua: the bytecode (a length-prefixed string), then the upvalues as an ordinary object. The
    // bytecode is skipped unread; the upvalues are read because later back-references may point into them.
    private Torch7Function ReadFunction(Torch7Path path, int depth, int start, int? index)
    {
        CheckDepth(path, depth, start);
        int length = ReadInt32(path, "a function's bytecode length");
        if (length < 0 || length > Remaining)
        {
            throw Error(path, start, $"a Lua function of {length} bytes cannot fit in the {Remaining} bytes left");
        }
        position += length;
        var function = new Torch7Function(path, length);
        if (index is int known)
        {
            objects[known] = function;
        }
        ReadObject(path.Upvalues(), depth + 1);
        return function;
    }

    private void CheckDepth(Torch7Path path, int depth, int start)
    {
        if (depth >= MaxDepth)
        {
            throw Error(path, start, $"objects nest more than {MaxDepth} levels deep");
        }
        // Reading recurses once per level: on a thread with a small stack, stop before it overflows.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Error(path, start, $"objects nest {depth} levels deep, more than this thread's stack can read");
        }
    }

    private string ReadString(Torch7Path path, string what)
    {
        int start = position;
        int length = ReadInt32(path, what);
        if (length < 0 || length > Remaining)
        {
            throw Error(path, start, $"{what} of {length} bytes cannot fit in the {Remaining} bytes left");
        }
        string text = Encoding.UTF8.GetString(data.Span.Slice(position, length));
        position += length;
        return text;
    }

    private ReadOnlySpan<byte> Take(Torch7Path path, int length, string what)
    {
        if (Remaining < length)
        {
            throw Error(path, position, $"the file ends where {what} should be (it is truncated)");
        }
        ReadOnlySpan<byte> bytes = data.Span.Slice(position, length);
        position += length;
        return bytes;
    }

    private int ReadInt32(Torch7Path path, string what) => BinaryPrimitives.ReadInt32LittleEndian(Take(path, 4, what));

    private long ReadInt64(Torch7Path path, string what) => BinaryPrimitives.ReadInt64LittleEndian(Take(path, 8, what));

    private double ReadDouble(Torch7Path path, string what) => BinaryPrimitives.ReadDoubleLittleEndian(Take(path, 8, what));

    private long[] ReadInt64s(Torch7Path path, int count, string what)
    {
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ReadInt64(path, what);
        }
        return values;
    }

    /// <summary>What a value is, for messages: <c>nn.Linear</c>, <c>torch.FloatTensor [3, 2]</c>, <c>a number</c>, <c>nil</c>.</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "nil",
        double => "a number",
        string => "a string",
        bool => "a boolean",
        Torch7Table => "a table",
        Torch7Object o => Torch7Path.Printable(o.ClassName),
        Torch7Tensor t => $"{t.ClassName} {t.ShapeText}",
        Torch7Storage s => s.ClassName,
        Torch7Function => "a serialised Lua function (never run)",
        _ => "an unknown value",
    };

    private Torch7FormatException Error(Torch7Path path, long offset, string problem) => new(fileName, path, offset, problem);
}
