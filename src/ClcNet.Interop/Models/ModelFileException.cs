namespace ClcNet.Interop.Models;

/// <summary>A model file that cannot serve what it was opened for (an ONNX model to train, a Torch7-free use of one, ...); the message says why and what to use instead.</summary>
public sealed class ModelFileException(string message) : Exception(message);
