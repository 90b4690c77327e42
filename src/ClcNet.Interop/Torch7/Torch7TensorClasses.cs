namespace ClcNet.Interop.Torch7;

/// <summary>
/// The Torch7 tensor and storage classes and their element types. cutorch writes its Cuda* classes exactly
/// like the CPU ones (size, then the elements copied to the host), so they read the same way.
/// </summary>
internal static class Torch7TensorClasses
{
    private static readonly (string Prefix, Torch7ElementType Type)[] Kinds =
    [
        ("Byte", Torch7ElementType.Byte),
        ("Char", Torch7ElementType.Char),
        ("Short", Torch7ElementType.Short),
        ("Int", Torch7ElementType.Int),
        ("Long", Torch7ElementType.Long),
        ("Float", Torch7ElementType.Float),
        ("Double", Torch7ElementType.Double),
        ("Half", Torch7ElementType.Half),
    ];

    private static readonly Dictionary<string, Torch7ElementType> Tensors = Classes("Tensor");
    private static readonly Dictionary<string, Torch7ElementType> Storages = Classes("Storage");

    /// <summary>Whether <paramref name="className"/> is a tensor class, and of which element type.</summary>
    public static bool IsTensor(string className, out Torch7ElementType type) => Tensors.TryGetValue(className, out type);

    /// <summary>Whether <paramref name="className"/> is a storage class, and of which element type.</summary>
    public static bool IsStorage(string className, out Torch7ElementType type) => Storages.TryGetValue(className, out type);

    /// <summary>Bytes per element.</summary>
    public static int ElementSize(Torch7ElementType type) => type switch
    {
        Torch7ElementType.Byte or Torch7ElementType.Char => 1,
        Torch7ElementType.Short or Torch7ElementType.Half => 2,
        Torch7ElementType.Int or Torch7ElementType.Float => 4,
        _ => 8,
    };

    // torch.FloatTensor and torch.ByteTensor, ...; cutorch spells its float classes torch.CudaTensor and torch.CudaStorage.
    private static Dictionary<string, Torch7ElementType> Classes(string kind)
    {
        var classes = new Dictionary<string, Torch7ElementType>(StringComparer.Ordinal);
        foreach ((string? prefix, Torch7ElementType type) in Kinds)
        {
            classes[$"torch.{prefix}{kind}"] = type;
            classes[type == Torch7ElementType.Float ? $"torch.Cuda{kind}" : $"torch.Cuda{prefix}{kind}"] = type;
        }
        return classes;
    }
}
