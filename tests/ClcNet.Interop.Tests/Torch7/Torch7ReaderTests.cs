using ClcNet.Interop.Tests.Torch7.Support;
using ClcNet.Interop.Torch7;

namespace ClcNet.Interop.Tests.Torch7;

/// <summary>The reader on files from the test writer and hand-made hostile bytes.</summary>
public sealed class Torch7ReaderTests
{
    public static TheoryData<string, double[]> ElementTypes => new()
    {
        { "Byte", [0, 1, 255] },
        { "Char", [-128, 0, 127] },
        { "Short", [-32768, 1, 32767] },
        { "Int", [int.MinValue, 1, int.MaxValue] },
        { "Long", [-(1L << 53), 1, 1L << 53] },
        { "Float", [-1.5, 0, 17179869184] },
        { "Double", [-1e-300, 0, 1e300] },
        { "Half", [-0.5, 0, 65504] },
    };

    [Theory]
    [MemberData(nameof(ElementTypes))]
    public void Tensors_of_every_element_type_cpu_and_cuda(string type, double[] values)
    {
        string cuda = type == "Float" ? "torch.CudaTensor" : $"torch.Cuda{type}Tensor";
        var file = LuaTable.List(TorchTensor.Of($"torch.{type}Tensor", values, values.Length), TorchTensor.Of(cuda, values, 1, values.Length));
        var table = (Torch7Table)Read(Torch7Writer.Write(file))!;
        foreach ((object? entry, string? className) in new[] { (table[1], $"torch.{type}Tensor"), (table[2], cuda) })
        {
            Torch7Tensor tensor = Assert.IsType<Torch7Tensor>(entry);
            Assert.Equal(className, tensor.ClassName);
            Assert.Equal(Enum.Parse<Torch7ElementType>(type), tensor.ElementType);
            Assert.Equal(TorchStorage.ClassFor(className), tensor.Storage!.ClassName);
            Assert.Equal(values, tensor.ToDoubleArray());
            Assert.Equal(values, tensor.Storage.ToDoubleArray());
        }
    }

    [Fact]
    public void Views_share_one_storage_with_offsets_and_strides()
    {
        var storage = TorchStorage.Of("torch.FloatStorage", Enumerable.Range(0, 12).Select(i => (double)i));
        var file = new LuaTable
        {
            ["matrix"] = TorchTensor.View("torch.FloatTensor", storage, 0, 3, 4),
            ["transposed"] = new TorchTensor("torch.FloatTensor", [4, 3], [1, 4], 1, storage),
            ["column"] = new TorchTensor("torch.FloatTensor", [2], [3], 6, storage),
            ["expanded"] = new TorchTensor("torch.FloatTensor", [2, 3], [0, 1], 1, storage),
            ["storage"] = storage,
        };
        var table = (Torch7Table)Read(Torch7Writer.Write(file))!;
        var matrix = (Torch7Tensor)table["matrix"]!;
        var transposed = (Torch7Tensor)table["transposed"]!;
        var column = (Torch7Tensor)table["column"]!;
        var expanded = (Torch7Tensor)table["expanded"]!;
        Assert.All(new[] { transposed, column, expanded }, tensor => Assert.Same(matrix.Storage, tensor.Storage));
        Assert.Same(matrix.Storage, table["storage"]);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), matrix.ToSingleArray());
        Assert.Equal(new float[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, transposed.ToSingleArray());
        Assert.Equal(5, column.StorageOffset);
        Assert.Equal(new float[] { 5, 8 }, column.ToSingleArray());
        Assert.Equal(new float[] { 0, 1, 2, 0, 1, 2 }, expanded.ToSingleArray());
    }

    [Fact]
    public void Legacy_class_headers_read_as_version_0()
    {
        var file = new TorchObject("nn.Linear", new LuaTable { ["weight"] = TorchTensor.Of("torch.FloatTensor", [1, 2], 2) });
        Torch7Object linear = Assert.IsType<Torch7Object>(Read(Torch7Writer.Write(file, legacyHeaders: true)));
        Assert.Equal("nn.Linear", linear.ClassName);
        Assert.Equal(0, linear.Version);
        Assert.Equal(new float[] { 1, 2 }, Assert.IsType<Torch7Tensor>(linear["weight"]).ToSingleArray());
    }

    [Fact]
    public void Back_references_give_the_same_instance_even_from_inside_a_function()
    {
        var shared = new LuaTable { ["x"] = 1 };
        var file = new LuaTable
        {
            ["first"] = shared,
            ["again"] = shared,
            ["function"] = new LuaFunction([0x1b, 0x4c, 0x4a], LuaTable.List(new LuaTable { ["name"] = "t", ["value"] = new LuaTable { ["y"] = 2 } })),
        };
        var table = (Torch7Table)Read(Torch7Writer.Write(file))!;
        Assert.Same(table["first"], table["again"]);
        Torch7Function function = Assert.IsType<Torch7Function>(table["function"]);
        Assert.Equal("function", function.Path);
        Assert.Equal(3, function.BytecodeLength);
    }

    [Fact]
    public void Objects_nest_up_to_the_limit()
    {
        OnThread(8 << 20, () =>
        {
            Assert.IsType<Torch7Table>(Read(Nested(Torch7Reader.MaxDepth - 1)));
            Torch7FormatException error = Assert.Throws<Torch7FormatException>(() => Read(Nested(Torch7Reader.MaxDepth)));
            Assert.Equal($"x.t7: {string.Concat(Enumerable.Repeat("[1]", 6))}...({Torch7Reader.MaxDepth - 16} more)...{string.Concat(Enumerable.Repeat("[1]", 10))} " +
                $"(byte {24 * Torch7Reader.MaxDepth}): objects nest more than {Torch7Reader.MaxDepth} levels deep", error.Message);
        });
    }

    [Fact]
    public void Deep_nesting_on_a_small_stack_is_an_error_not_a_crash()
    {
        // 256 KiB: far less than any default thread stack; the reader must stop before it overflows.
        OnThread(256 << 10, () =>
        {
            Torch7FormatException error = Assert.Throws<Torch7FormatException>(() => Read(Nested(Torch7Reader.MaxDepth - 1)));
            Assert.Contains("more than this thread's stack can read", error.Message);
        });
    }

    private static void OnThread(int stackSize, Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                test();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }

    [Fact]
    public void Hostile_bytes_give_one_line_errors_with_offset_and_path()
    {
        AssertError(new RawBytes().Int(3, 1, 1).Int(2).String("hello").Int(1).Raw(0, 0), 29, "hello",
            "the file ends where a number should be (it is truncated)");
        AssertError(new RawBytes().Int(9), 0, "<top level>", "unknown type tag 9 (Torch7 writes 0 to 8): the file is corrupt or not a Torch7 binary file");
        AssertError(new RawBytes().Int(2, int.MaxValue).Raw(1, 2, 3), 4, "<top level>", "a string of 2147483647 bytes cannot fit in the 3 bytes left");
        AssertError(new RawBytes().Int(2, -1), 4, "<top level>", "a string of -1 bytes cannot fit in the 0 bytes left");
        AssertError(new RawBytes().Int(3, 1, 1000).Int(0), 0, "<top level>", "a table of 1000 entries cannot fit in the 4 bytes left");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatStorage").Long(long.MaxValue).Int(0), 0, "<top level>",
            "a torch.FloatStorage of 9223372036854775807 elements cannot fit in the 4 bytes left");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatTensor").Int(1 << 30), 0, "<top level>",
            "a torch.FloatTensor of 1073741824 dimensions cannot fit in the 0 bytes left");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatTensor").Int(1).Long(-2, 1, 1).Int(0), 0, "<top level>",
            "a torch.FloatTensor with size -2 and stride 1 in dimension 1 (neither may be negative)");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatTensor").Int(1).Long(13, 1, 1).TorchHeader(2, "torch.FloatStorage").Long(12).Raw(new byte[48]),
            0, "<top level>", "a torch.FloatTensor of shape [13] at offset 1 reaches element 13 of a storage of 12");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatTensor").Int(1).Long(2, 1, 1).Int(0), 0, "<top level>",
            "a torch.FloatTensor of shape [2] at offset 1 has no storage");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatTensor").Int(1).Long(1, 1, 1).TorchHeader(2, "torch.DoubleStorage").Long(1).Double(1),
            64, "<storage>", "a torch.FloatTensor views torch.DoubleStorage, not a torch.FloatStorage");
        AssertError(new RawBytes().TorchHeader(1, "torch.FloatTensor").Int(1).Long(1, 1, 1).Int(4, 1), 64, "<storage>",
            "object 1 refers to the tensor that is being read");
        AssertError(new RawBytes().Int(0, 0), 4, "<top level>", "4 bytes follow the end of the saved object: the file is corrupt or holds more than one object");
        AssertError(new RawBytes().Int(5, 2), 0, "<top level>", "a boolean stored as 2 (Torch7 writes 0 or 1)");
        AssertError(new RawBytes().Int(3, 1, 1).Int(0).Int(1).Double(1), 12, "<key>", "a table key is nil, which Lua does not allow");
        AssertError(new RawBytes().Int(3, 1, 1).Int(1).Double(double.NaN).Int(0), 12, "<key>", "a table key is NaN, which Lua does not allow");
        AssertError(new RawBytes().Int(3, 0, 0), 0, "<top level>", "object index 0 (Torch7 numbers objects from 1)");
        AssertError(new RawBytes().Int(4, 1).String("V 1.5").String("nn.Linear"), 0, "<top level>", "class version \"V 1.5\" is not a whole number");
        AssertError(new RawBytes().TorchHeader(1, "nn.Linear").Int(1).Double(1), 28, "<top level>",
            "the fields of a nn.Linear are not a table (a class with its own serialisation this reader does not know?)");
        AssertError(new RawBytes().Raw("PK\u0003\u0004"u8.ToArray()).Int(0), 0, "<top level>",
            "this is a zip archive (a PyTorch .pt/.pth file?), not a Torch7 binary file: save the model with torch.save(path, model) in Torch7");
        AssertError(new RawBytes().Raw("4\n1\n3\nV 1\n"u8.ToArray()), 0, "<top level>",
            "this is Torch7's ascii format, not a Torch7 binary file: save the model with torch.save(path, model) in Torch7");
        AssertError(new RawBytes().Raw(0x80, 0x02, 0x8a), 0, "<top level>",
            "this is a Python pickle (a legacy PyTorch file?), not a Torch7 binary file: save the model with torch.save(path, model) in Torch7");
    }

    [Fact]
    public void Paths_name_nested_entries_and_keep_messages_printable()
    {
        byte[] file = new RawBytes().Int(3, 1, 1).Int(2).String("modules").Int(3, 2, 1).Int(1).Double(5)
            .Int(3, 3, 1).Int(2).String("odd\nkey\u2028!").Int(9).Bytes;
        AssertError(file, 82, "modules[5][\"odd\\x0akey\\x2028!\"]", "unknown type tag 9 (Torch7 writes 0 to 8): the file is corrupt or not a Torch7 binary file");
    }

    private static void AssertError(RawBytes bytes, long offset, string path, string problem) => AssertError(bytes.Bytes, offset, path, problem);

    private static void AssertError(byte[] bytes, long offset, string path, string problem)
    {
        Torch7FormatException error = Assert.Throws<Torch7FormatException>(() => Read(bytes));
        Assert.Equal($"x.t7: {path} (byte {offset}): {problem}", error.Message);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(path, error.Path);
        Assert.Equal("x.t7", error.FileName);
    }

    // A table holding a table holding ... depth tables deep (the outermost at depth 0).
    private static byte[] Nested(int depth)
    {
        var bytes = new RawBytes();
        for (int level = 0; level < depth; level++)
        {
            bytes.Int(3, level + 1, 1).Int(1).Double(1);
        }
        return bytes.Int(3, depth + 1, 0).Bytes;
    }

    private static object? Read(byte[] bytes) => Torch7Reader.Read(bytes, "x.t7");
}
