namespace ClcNet.Interop.Models;

/// <summary>
/// A model file that cannot serve what it was opened for: missing or unreadable, an ONNX model asked for weights to
/// train or export, one without ClcNet.NET's metadata, or one whose input normalisation clcgen's pipeline does not give.
/// The message says why and what to use instead.
/// </summary>
public sealed class ModelFileException(string message) : Exception(message);
