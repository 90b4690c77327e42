namespace ClcNet.Interop.Onnx;

/// <summary>An .onnx file that cannot be used as a classifier: missing, damaged, or not an image classifier; the message says which and what to do.</summary>
public sealed class OnnxModelException(string message, Exception? inner = null) : Exception(message, inner);
