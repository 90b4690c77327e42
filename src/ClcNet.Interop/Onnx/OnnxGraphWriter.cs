using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;
using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// Appends nodes and initializers to an ONNX <see cref="GraphProto"/> (OnnxSharp's classes for the official
/// onnx.proto). Each node's output is named after the node, so the graph reads like the module tree.
/// </summary>
internal sealed class OnnxGraphWriter(string name)
{
    /// <summary>The dimension name of the batch axis of the input and the output.</summary>
    public const string BatchDimension = "batch";

    public GraphProto Graph { get; } = new() { Name = name };

    /// <summary>Adds a float32 initializer holding <paramref name="value"/> (copied to the CPU).</summary>
    public string Initializer(string name, Tensor value)
    {
        using DisposeScope scope = NewDisposeScope();
        float[] data = value.detach().cpu().to(float32).contiguous().data<float>().ToArray();
        return Initializer(name, TensorProto.Types.DataType.Float, value.shape, LittleEndianBytes<float>(data));
    }

    /// <summary>Adds a 1-d int64 initializer, e.g. the target shape of a Reshape.</summary>
    public string Initializer(string name, params long[] values) =>
        Initializer(name, TensorProto.Types.DataType.Int64, [values.Length], LittleEndianBytes<long>(values));

    /// <summary>Adds a node of <paramref name="opType"/> named <paramref name="name"/>; returns its output, also named <paramref name="name"/>.</summary>
    public string Node(string opType, string name, IEnumerable<string> inputs, params AttributeProto[] attributes) =>
        Node(opType, name, name, inputs, attributes);

    /// <summary>Adds a node of <paramref name="opType"/> named <paramref name="name"/> whose output is <paramref name="output"/>.</summary>
    public string Node(string opType, string name, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        Graph.Node.Add(node);
        return output;
    }

    /// <summary>Declares the float32 graph input <paramref name="name"/> of shape [batch, <paramref name="sampleShape"/>].</summary>
    public void Input(string name, params long[] sampleShape) => Graph.Input.Add(BatchedFloat(name, sampleShape));

    /// <summary>Declares the float32 graph output <paramref name="name"/> of shape [batch, <paramref name="sampleShape"/>].</summary>
    public void Output(string name, params long[] sampleShape) => Graph.Output.Add(BatchedFloat(name, sampleShape));

    public static AttributeProto Int(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    public static AttributeProto Float(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    public static AttributeProto Ints(string name, params long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }

    private string Initializer(string name, TensorProto.Types.DataType type, long[] shape, ByteString data)
    {
        var initializer = new TensorProto { Name = name, DataType = (int)type, RawData = data };
        initializer.Dims.AddRange(shape);
        Graph.Initializer.Add(initializer);
        return name;
    }

    private static ValueInfoProto BatchedFloat(string name, long[] sampleShape)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.AddRange(sampleShape.Select(size => new TensorShapeProto.Types.Dimension { DimValue = size }));
        var type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } };
        return new ValueInfoProto { Name = name, Type = type };
    }

    // ONNX stores raw tensor data little-endian, as every platform .NET runs on lays it out.
    private static ByteString LittleEndianBytes<T>(T[] values) where T : struct =>
        BitConverter.IsLittleEndian
            ? ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan()))
            : throw new PlatformNotSupportedException("ONNX export needs a little-endian machine.");
}
