namespace ClcNet.Interop.Onnx;

/// <summary>
/// The ai.onnx opsets an export can target, and the IR version each is stamped with. Every operator the export
/// uses (Conv, BatchNormalization, Relu, Reshape, Transpose, GlobalAveragePool, Flatten, Gemm) has had its
/// float32 inference semantics since opset 9 (BatchNormalization lost its <c>spatial</c> attribute there); 9 is also
/// the first opset of IR version 4, from which initializers need not be listed as graph inputs (IR 3 models must,
/// and runtimes then show every weight as an input). 23 is the newest the protobuf schema of OnnxSharp (IR version
/// 11) describes.
/// </summary>
public static class OnnxOpset
{
    /// <summary>The opset an export targets unless told otherwise.</summary>
    public const int Default = 17;

    /// <summary>The oldest opset supported.</summary>
    public const int Minimum = 9;

    /// <summary>The newest opset supported.</summary>
    public const int Maximum = 23;

    // The ONNX release that introduced each opset and the IR version of that release (onnx/docs/Versioning.md):
    // 1.4 -> IR 4 (opset 9), 1.5 -> 5 (10), 1.6 -> 6 (11), 1.7-1.9 -> 7 (12-14),
    // 1.10-1.13 -> 8 (15-18), 1.14/1.15 -> 9 (19, 20), 1.16/1.17 -> 10 (21, 22), 1.18 -> 11 (23).
    private static readonly int[] IrVersions = [4, 5, 6, 7, 7, 7, 8, 8, 8, 8, 9, 9, 10, 10, 11];

    /// <summary>Throws unless <paramref name="opset"/> is between <see cref="Minimum"/> and <see cref="Maximum"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The opset is outside the supported range; the message gives it.</exception>
    public static void Require(int opset)
    {
        if (opset is < Minimum or > Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset,
                $"ONNX opset {opset} is not supported: use an opset from {Minimum} to {Maximum} (default {Default})");
        }
    }

    /// <summary>
    /// The oldest IR version that can carry <paramref name="opset"/>: what the ONNX release that introduced the opset
    /// wrote, so that runtimes of that release still open the file.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The opset is outside the supported range.</exception>
    public static long IrVersion(int opset)
    {
        Require(opset);
        return IrVersions[opset - Minimum];
    }
}
