using ClcNet.Interop.Tests.Torch7.Support;
using ClcNet.Interop.Torch7;

namespace ClcNet.Interop.Tests.Torch7;

/// <summary>The reader against real files written by Torch7 (python-torchfile's test data; values as Fixtures/torch7/README.md says).</summary>
public sealed class Torch7ReaderFixtureTests
{
    public static TheoryData<string> AllFixtures => new(Fixtures.All.Order());

    [Fact]
    public void There_are_fifteen_fixtures() => Assert.Equal(15, Fixtures.All.Count());

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_fixture_reads(string name) => Assert.NotNull(Read(name));

    [Fact]
    public void A_table_with_a_number()
    {
        Torch7Table table = Assert.IsType<Torch7Table>(Read("hello=123.t7"));
        Assert.Equal(1, table.Count);
        Assert.Equal(123.0, table["hello"]);
    }

    [Fact]
    public void An_object_of_a_user_class()
    {
        Torch7Object blah = Assert.IsType<Torch7Object>(Read("custom_class.t7"));
        Assert.Equal("Blah", blah.ClassName);
        Assert.Equal(1, blah.Version);
        Assert.Equal(0, blah.Fields.Count);
    }

    [Fact]
    public void A_double_tensor()
    {
        Torch7Tensor tensor = Assert.IsType<Torch7Tensor>(Read("doubletensor.t7"));
        Assert.Equal("torch.DoubleTensor", tensor.ClassName);
        Assert.Equal(Torch7ElementType.Double, tensor.ElementType);
        Assert.Equal([2L, 3L], tensor.Sizes);
        Assert.Equal([3L, 1L], tensor.Strides);
        Assert.Equal([1, 2, 3, 4, 5, 6.9], tensor.ToDoubleArray());
        Assert.Equal("torch.DoubleStorage", tensor.Storage!.ClassName);
    }

    [Fact]
    public void A_float_tensor()
    {
        Torch7Tensor tensor = Assert.IsType<Torch7Tensor>(Read("floattensor.t7"));
        Assert.Equal(Torch7ElementType.Float, tensor.ElementType);
        Assert.Equal(tensor.Storage!.Count, tensor.ElementCount);
        Assert.Equal(12.97241666913, tensor.ToSingleArray().Sum(value => (double)value), 1e-5);
        Assert.Equal(tensor.ToSingleArray().Select(value => (double)value), tensor.ToDoubleArray());
    }

    [Fact]
    public void A_list()
    {
        Torch7Table list = Assert.IsType<Torch7Table>(Read("list_table.t7"));
        Assert.True(list.IsList());
        Assert.Equal(["hello", "world", "third item", 123.0], Enumerable.Range(1, list.Count).Select(i => list[i]));
    }

    [Fact]
    public void A_map_from_zero()
    {
        Torch7Table map = Assert.IsType<Torch7Table>(Read("map_table1.t7"));
        Assert.False(map.IsList());
        Assert.Equal(["zero", "hello", "world", "third item", 123.0], Enumerable.Range(0, map.Count).Select(i => map[i]));
    }

    [Fact]
    public void A_list_with_a_string_key()
    {
        Torch7Table map = Assert.IsType<Torch7Table>(Read("map_table2.t7"));
        Assert.Equal(5, map.Count);
        Assert.Equal(["hello", "world", "third item", 123.0], Enumerable.Range(1, 4).Select(i => map[i]));
        Assert.Equal("non number key", map["a"]);
    }

    [Fact]
    public void An_object_that_refers_to_itself()
    {
        Torch7Object a = Assert.IsType<Torch7Object>(Read("recursive_class.t7"));
        Assert.Equal("A", a.ClassName);
        Assert.Same(a, a["a"]);
    }

    [Fact]
    public void A_table_that_is_its_own_key_and_value()
    {
        Torch7Table table = Assert.IsType<Torch7Table>(Read("recursive_kv_table.t7"));
        (object? key, object? value) = Assert.Single(table.Entries);
        Assert.Same(table, key);
        Assert.Same(table, value);
        Assert.Same(table, table.Get(table));
    }

    [Fact]
    public void A_tds_hash()
    {
        Torch7Object hash = Assert.IsType<Torch7Object>(Read("tds_hash.t7"));
        Assert.Equal("tds.Hash", hash.ClassName);
        Assert.Equal(0, hash.Version);
        Assert.Equal(3, hash.Fields.Count);
        Assert.Equal(2.0, hash.Fields[1]);
        Assert.Equal(11.0, hash.Fields[10]);
    }

    [Fact]
    public void A_tds_vec()
    {
        Torch7Object vec = Assert.IsType<Torch7Object>(Read("tds_vec.t7"));
        Assert.Equal("tds.Vec", vec.ClassName);
        Assert.Equal([123.0, 456.0], vec.Fields.Entries.OrderBy(entry => (double)entry.Key).Select(entry => entry.Value));
    }

    [Theory]
    [InlineData("function.t7", 218)]
    [InlineData("function_upvals.t7", 89)]
    public void A_function_is_stepped_over_never_run(string name, int bytecodeLength)
    {
        Torch7Function function = Assert.IsType<Torch7Function>(Read(name));
        Assert.Equal("<top level>", function.Path);
        Assert.Equal(bytecodeLength, function.BytecodeLength);
        Torch7ModelException error = Assert.Throws<Torch7ModelException>(() => Torch7Model.Load(Fixtures.Path(name)));
        Assert.Equal($"{Fixtures.Path(name)}: <top level>: expected nn.Sequential (a clcNet as fb.resnet.torch saves it), found a serialised Lua function (never run)", error.Message);
    }

    [Fact]
    public void An_nngraph_node()
    {
        Torch7Object node = Assert.IsType<Torch7Object>(Read("nngraph_node.t7"));
        Assert.Equal("nngraph.Node", node.ClassName);
        Assert.Equal(0.0, node["id"]);
        Assert.Equal(false, node["visited"]);
        Torch7Table data = Assert.IsType<Torch7Table>(node["data"]);
        Assert.Equal(123.0, Assert.IsType<Torch7Table>(data["annotations"])["hello"]);
    }

    [Fact]
    public void An_nn_gmodule_with_a_linear_layer()
    {
        Torch7Object graph = Assert.IsType<Torch7Object>(Read("gmodule_with_linear_identity.t7"));
        Assert.Equal("nn.gModule", graph.ClassName);
        Torch7Table modules = Assert.IsType<Torch7Table>(graph["modules"]);
        Assert.True(modules.IsList());
        Assert.Equal(["nn.Identity", "nn.Identity", "nn.Linear", "nn.CAddTable"],
            Enumerable.Range(1, modules.Count).Select(i => Assert.IsType<Torch7Object>(modules[i]).ClassName));
        var linear = (Torch7Object)modules[3]!;
        Torch7Tensor weight = Assert.IsType<Torch7Tensor>(linear["weight"]);
        Assert.Equal([2L, 1L], weight.Sizes);
        Assert.Equal([2L], Assert.IsType<Torch7Tensor>(linear["bias"]).Sizes);
        Assert.Equal(weight.Sizes, Assert.IsType<Torch7Tensor>(linear["gradWeight"]).Sizes);
        Assert.Equal(0, Assert.IsType<Torch7Tensor>(linear["output"]).ElementCount);
        // The graph's nodes refer to the same module objects the modules list holds.
        Torch7Table forwardNodes = Assert.IsType<Torch7Table>(graph["forwardnodes"]);
        Assert.Contains(forwardNodes.Entries, entry =>
            entry.Value is Torch7Object node && node["data"] is Torch7Table data && ReferenceEquals(data["module"], linear));

        Torch7ModelException error = Assert.Throws<Torch7ModelException>(() => Torch7Model.Load(Fixtures.Path("gmodule_with_linear_identity.t7")));
        Assert.EndsWith(": <top level>: expected nn.Sequential (a clcNet as fb.resnet.torch saves it), found nn.gModule", error.Message);
    }

    private static object? Read(string name) => Torch7Reader.ReadFile(Fixtures.Path(name));
}
