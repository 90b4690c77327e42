using System.Text;

namespace ClcNet.Interop.Tests.Torch7.Support;

/// <summary>Hand-made Torch7 bytes, for files no writer would produce.</summary>
internal sealed class RawBytes
{
    private readonly MemoryStream stream = new();
    private readonly BinaryWriter output;

    public RawBytes()
    {
        output = new BinaryWriter(stream);
    }

    public byte[] Bytes => stream.ToArray();

    public RawBytes Int(params int[] values)
    {
        foreach (int value in values)
        {
            output.Write(value);
        }
        return this;
    }

    public RawBytes Long(params long[] values)
    {
        foreach (long value in values)
        {
            output.Write(value);
        }
        return this;
    }

    public RawBytes Double(double value)
    {
        output.Write(value);
        return this;
    }

    /// <summary>A length-prefixed string, as File.lua writes strings and class names.</summary>
    public RawBytes String(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        output.Write(bytes.Length);
        output.Write(bytes);
        return this;
    }

    /// <summary>The type tag, index and version header of a torch object.</summary>
    public RawBytes TorchHeader(int index, string className) => Int(4, index).String("V 1").String(className);

    public RawBytes Raw(params byte[] bytes)
    {
        output.Write(bytes);
        return this;
    }
}
