using System.Text;

namespace ClcNet.Testing.Torch7;

/// <summary>
/// A small Torch7 binary writer for tests (File.lua's writeObject, generic/Tensor.c and Storage.c's write):
/// type tags, object indices with back-references, <c>V n</c> or legacy class headers, shuffled table order.
/// It records where it wrote counts, lengths, sizes, indices and numbers, so fuzzing can aim at the structure.
/// </summary>
internal sealed class Torch7Writer
{
    private readonly MemoryStream stream = new();
    private readonly BinaryWriter output;
    private readonly Dictionary<object, int> indices = new(ReferenceEqualityComparer.Instance);
    private readonly Random? shuffle;
    private readonly bool legacyHeaders;

    private Torch7Writer(int? shuffleSeed, bool legacyHeaders)
    {
        output = new BinaryWriter(stream);
        shuffle = shuffleSeed is int seed ? new Random(seed) : null;
        this.legacyHeaders = legacyHeaders;
    }

    /// <summary>Offsets and widths (4 or 8) of every count, length, size and index written.</summary>
    public List<(int Offset, int Width)> CountFields { get; } = [];

    /// <summary>Offsets of every Lua number (an 8-byte double) written.</summary>
    public List<int> NumberFields { get; } = [];

    /// <summary>The bytes of a file holding <paramref name="root"/>.</summary>
    /// <param name="shuffleSeed">Writes table entries in an order drawn from this seed, as Lua's pairs may.</param>
    /// <param name="legacyHeaders">Writes class names without <c>V n</c> versions, as Torch7 did before it had them.</param>
    public static byte[] Write(object? root, int? shuffleSeed = null, bool legacyHeaders = false) =>
        Writer(root, shuffleSeed, legacyHeaders).Bytes;

    /// <summary>A writer that has written <paramref name="root"/>, with its <see cref="CountFields"/>.</summary>
    public static Torch7Writer Writer(object? root, int? shuffleSeed = null, bool legacyHeaders = false)
    {
        var writer = new Torch7Writer(shuffleSeed, legacyHeaders);
        writer.WriteObject(root);
        return writer;
    }

    public byte[] Bytes => stream.ToArray();

    private void WriteObject(object? value)
    {
        switch (value)
        {
            case null:
                output.Write(0);
                break;
            case double or int or long or float:
                output.Write(1);
                NumberFields.Add((int)stream.Position);
                output.Write(Convert.ToDouble(value));
                break;
            case string text:
                output.Write(2);
                WriteString(text);
                break;
            case bool flag:
                output.Write(5);
                output.Write(flag ? 1 : 0);
                break;
            case LuaTable table:
                if (WriteReference(3, table))
                {
                    WriteCount(table.Entries.Count);
                    IEnumerable<KeyValuePair<object, object?>> entries = shuffle is null ? table.Entries : table.Entries.OrderBy(_ => shuffle.Next());
                    foreach ((object? key, object? entry) in entries.ToList())
                    {
                        WriteObject(key);
                        WriteObject(entry);
                    }
                }
                break;
            case TorchObject torchObject:
                if (WriteReference(4, torchObject))
                {
                    WriteHeader(torchObject.ClassName, torchObject.Version);
                    if (torchObject.ClassName == "nn.DataParallelTable" && torchObject.Version >= 2 && !legacyHeaders)
                    {
                        // cunn writes gpuAssignments ahead of the fields.
                        WriteObject(torchObject.Fields["gpuAssignments"]);
                    }
                    WriteObject(torchObject.Fields);
                }
                break;
            case TorchTensor tensor:
                if (WriteReference(4, tensor))
                {
                    WriteHeader(tensor.ClassName, 1);
                    WriteCount(tensor.Sizes.Length);
                    foreach (long size in tensor.Sizes.Concat(tensor.Strides).Append(tensor.StorageOffset1))
                    {
                        WriteLong(size);
                    }
                    WriteObject(tensor.Storage);
                }
                break;
            case TorchStorage storage:
                if (WriteReference(4, storage))
                {
                    WriteHeader(storage.ClassName, 1);
                    WriteLong(storage.Count);
                    output.Write(storage.Data);
                }
                break;
            case LuaFunction function:
                if (WriteReference(8, function))
                {
                    WriteCount(function.Bytecode.Length);
                    output.Write(function.Bytecode);
                    WriteObject(function.Upvalues);
                }
                break;
            default:
                throw new ArgumentException($"cannot write {value.GetType()}");
        }
    }

    // The tag and index; true when the object is new and its content must follow.
    private bool WriteReference(int tag, object value)
    {
        output.Write(tag);
        bool isNew = !indices.TryGetValue(value, out int index);
        if (isNew)
        {
            index = indices.Count + 1;
            indices[value] = index;
        }
        CountFields.Add(((int)stream.Position, 4));
        output.Write(index);
        return isNew;
    }

    private void WriteHeader(string className, int version)
    {
        if (!legacyHeaders)
        {
            WriteString($"V {version}");
        }
        WriteString(className);
    }

    private void WriteString(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        WriteCount(bytes.Length);
        output.Write(bytes);
    }

    private void WriteCount(int count)
    {
        CountFields.Add(((int)stream.Position, 4));
        output.Write(count);
    }

    private void WriteLong(long value)
    {
        CountFields.Add(((int)stream.Position, 8));
        output.Write(value);
    }
}
