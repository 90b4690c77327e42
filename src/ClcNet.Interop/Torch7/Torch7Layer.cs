namespace ClcNet.Interop.Torch7;

/// <summary>
/// One module of a Torch7 network, as the mapper reads it: typed access to its fields where every missing
/// or ill-typed field is a <see cref="Torch7ModelException"/> naming the module's path and the field.
/// </summary>
internal sealed class Torch7Layer(Torch7Object module, Torch7Path path, string fileName)
{
    public Torch7Object Module { get; } = module;

    public Torch7Path Path { get; } = path;

    public string ClassName => Module.ClassName;

    /// <summary>A field that must be a whole number (Lua stores every number as a double), or <paramref name="fallback"/> when it is absent.</summary>
    public int Integer(string field, int? fallback = null)
    {
        object? value = Module[field];
        if (value is null && fallback is int defaultValue)
        {
            return defaultValue;
        }
        return value is double number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw FieldError(field, $"expected a whole number, found {Describe(value)}");
    }

    /// <summary>A whole-number field, or null when it is absent or not a whole number (for guessing the spec).</summary>
    public int? IntegerOrNull(string field) =>
        Module[field] is double number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    /// <summary>A number field, or <paramref name="fallback"/> when it is absent.</summary>
    public double Number(string field, double fallback) => Module[field] switch
    {
        null => fallback,
        double number => number,
        object other => throw FieldError(field, $"expected a number, found {Describe(other)}"),
    };

    /// <summary>A boolean field, or <paramref name="fallback"/> when it is absent.</summary>
    public bool Boolean(string field, bool fallback) => Module[field] switch
    {
        null => fallback,
        bool flag => flag,
        object other => throw FieldError(field, $"expected a boolean, found {Describe(other)}"),
    };

    /// <summary>A tensor field, or null when it is absent or empty (how Torch7 leaves a removed bias).</summary>
    public Torch7Tensor? OptionalTensor(string field) => Module[field] switch
    {
        null => null,
        Torch7Tensor { ElementCount: 0 } => null,
        Torch7Tensor tensor => tensor,
        object other => throw FieldError(field, $"expected a tensor, found {Describe(other)}"),
    };

    /// <summary>
    /// The elements of a tensor field of <paramref name="shape"/> (or one of <paramref name="alternatives"/>,
    /// with the same element count), in row-major order.
    /// </summary>
    public float[] Values(string field, long[] shape, params long[][] alternatives)
    {
        Torch7Tensor tensor = OptionalTensor(field) ?? throw FieldError(field, $"expected a tensor of shape {ShapeText(shape)}, found {Describe(Module[field])}");
        return Values(field, tensor, shape, alternatives);
    }

    /// <summary>The elements of <paramref name="tensor"/> (read from <paramref name="field"/>) after checking its shape.</summary>
    public float[] Values(string field, Torch7Tensor tensor, long[] shape, params long[][] alternatives)
    {
        if (!tensor.Sizes.SequenceEqual(shape) && !alternatives.Any(alternative => tensor.Sizes.SequenceEqual(alternative)))
        {
            throw FieldError(field, $"expected a tensor of shape {ShapeText(shape)}, found {tensor.ClassName} {tensor.ShapeText}");
        }
        return tensor.ToSingleArray();
    }

    /// <summary>A problem with the module as a whole.</summary>
    public Torch7ModelException Error(string problem) => new(fileName, Path, problem);

    /// <summary>A problem with one field of the module.</summary>
    public Torch7ModelException FieldError(string field, string problem) => new(fileName, Path.Child(field), problem);

    /// <summary>A shape as text, e.g. <c>[32, 3, 3, 3]</c>.</summary>
    public static string ShapeText(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";

    private static string Describe(object? value) =>
        value is double number ? number.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : Torch7Reader.Describe(value);
}
