using ClcNet.Interop.Tests.Torch7.Support;
using ClcNet.Interop.Torch7;

namespace ClcNet.Interop.Tests.Torch7;

/// <summary>A file that is not a clcNet gets one line naming the module and what was expected.</summary>
public sealed class Torch7ModelErrorTests
{
    private static readonly Torch7Encoding Original = new("float, as fb.resnet.torch saves");

    // clcNet(1, 1, 0, 0): modules[1..3] stem, [4] stage0.block0, [5] stage1.block0, [6] stage1.block1,
    // [7] stage2.block0, [8] stage2.block1, [9] stage3.block0, [10] stage4.block0, [11] pool, [12] view, [13] linear.
    private static TorchObject Network() => ClcNetTorch7File.Root(ReferenceModel.Rgb, Original);

    [Fact]
    public void A_layer_of_the_wrong_class()
    {
        TorchObject network = Network();
        Modules(Module(network, 5))[3.0] = Relu();
        AssertError(network, "modules[5].modules[3]: expected nn_plus.ChannelInterlace (stage1.block0.interlace), found cudnn.ReLU");
    }

    [Fact]
    public void A_convolution_with_other_groups()
    {
        TorchObject network = Network();
        Fields(Module(network, 5, 1))["groups"] = 16;
        AssertError(network, "modules[5].modules[1].groups: stage1.block0.conv3x3 needs groups = 32, found 16");
    }

    [Fact]
    public void A_weight_of_the_wrong_shape()
    {
        TorchObject network = Network();
        Fields(Module(network, 1))["weight"] = TorchTensor.Of("torch.FloatTensor", new double[32 * 27], 32, 27, 1, 1);
        AssertError(network, "modules[1].weight: expected a tensor of shape [32, 3, 3, 3], found torch.FloatTensor [32, 27, 1, 1]");
    }

    [Fact]
    public void A_function_where_a_weight_belongs()
    {
        TorchObject network = Network();
        Fields(Module(network, 1))["weight"] = new LuaFunction([1, 2, 3], LuaTable.List());
        AssertError(network, "modules[1].weight: expected a tensor, found a serialised Lua function (never run)");
    }

    [Fact]
    public void Interlace_indices_that_are_not_the_interlace()
    {
        TorchObject network = Network();
        double[] identity = Enumerable.Range(1, 32).Select(i => (double)i).ToArray();
        Fields(Module(network, 4, 3))["f_idx"] = TorchTensor.Of("torch.LongTensor", identity, 32);
        AssertError(network, "modules[4].modules[3].f_idx: entry 2 is 2, expected 3: not the interlace of 32 channels in 16 groups");
    }

    [Fact]
    public void A_negative_running_variance()
    {
        TorchObject network = Network();
        Fields(Module(network, 2))["running_var"] = TorchTensor.Of("torch.FloatTensor", Enumerable.Repeat(-1.0, 32), 32);
        AssertError(network, "modules[2].running_var: running_var + eps is -0.99999 for channel 1; it must be positive");
    }

    [Fact]
    public void A_network_that_ends_early()
    {
        TorchObject network = Network();
        Fields(network)["modules"] = LuaTable.List(Modules(network).Entries.SkipLast(1).Select(entry => entry.Value).ToArray());
        AssertError(network, "<top level>: the network ends after modules[12] (nn.View); expected nn.Linear (head.fc) next");
    }

    [Fact]
    public void A_layer_after_the_classifier()
    {
        TorchObject network = Network();
        Modules(network)[14.0] = new TorchObject("nn.SoftMax", new LuaTable());
        AssertError(network, "modules[14]: unexpected nn.SoftMax after head.fc, the last layer of a clcNet");
    }

    [Fact]
    public void A_module_used_twice()
    {
        TorchObject network = Network();
        Modules(network)[6.0] = Module(network, 5);
        AssertError(network, "modules[6]: the same nn.Sequential as modules[5]: every layer of a clcNet is its own module");
    }

    [Fact]
    public void Layers_that_describe_an_invalid_spec()
    {
        TorchObject network = Network();
        Fields(Module(network, 1))["dW"] = 0;
        AssertError(network, "<top level>: its layers describe clcNet(1, 1, 0, 0, Classes = 10, StemStride = 0), which is not a valid clcNet: " +
            "StemStride = 0: the stem stride must be 1 or more (2 for 224x224 input)");
    }

    [Fact]
    public void Modules_that_share_weights_cannot_describe_more_weights_than_the_file_holds()
    {
        // 300 distinct 1024-channel blocks whose modules all view the same weight tensors: a small file for 160 M weights.
        var reference = ReferenceModel.WithSpec(new ClcNetSpec(0, 0, 0, 1, classes: 3, inputSize: 32));
        TorchObject network = ClcNetTorch7File.Root(reference, Original);
        LuaTable modules = Modules(network);
        var entries = modules.Entries.Select(entry => entry.Value).ToList();
        var block = (TorchObject)entries[8]!;
        entries.InsertRange(9, Enumerable.Range(0, 300).Select(_ => Copy(block)));
        Fields(network)["modules"] = LuaTable.List(entries.ToArray());
        byte[] file = Torch7Writer.Write(network);
        Torch7ModelException error = Assert.Throws<Torch7ModelException>(() => Torch7Model.Load(file, "model.t7"));
        Assert.StartsWith("model.t7: <top level>: its layers describe clcNet(0, 0, 0, 301, Classes = 3, InputSize = 32) with ", error.Message);
        Assert.EndsWith($" weights, more than the {file.Length} bytes of the file can hold (modules sharing one weight tensor?)", error.Message);
    }

    // A new module (and, for a container, new modules inside) with the same field values: the tensors stay shared.
    private static TorchObject Copy(TorchObject module)
    {
        var fields = new LuaTable();
        fields.Entries.AddRange(module.Fields.Entries);
        if (fields["modules"] is LuaTable layers)
        {
            fields["modules"] = LuaTable.List(layers.Entries.Select(entry => (object?)Copy((TorchObject)entry.Value!)).ToArray());
        }
        return module with { Fields = fields };
    }

    private static TorchObject Relu() => new("cudnn.ReLU", new LuaTable { ["inplace"] = true });

    private static LuaTable Fields(TorchObject module) => module.Fields;

    private static LuaTable Modules(TorchObject container) => (LuaTable)container.Fields["modules"]!;

    private static TorchObject Module(TorchObject container, params int[] path) =>
        path.Aggregate(container, (module, index) => (TorchObject)Modules(module)[(double)index]!);

    private static void AssertError(TorchObject network, string message)
    {
        Torch7ModelException error = Assert.Throws<Torch7ModelException>(() => Torch7Model.Load(Torch7Writer.Write(network), "model.t7"));
        Assert.Equal($"model.t7: {message}", error.Message);
    }
}
