namespace ClcNet.Interop.Models;

/// <summary>The kinds of model file <see cref="ModelFiles"/> opens, as <see cref="ModelFiles.FormatOf"/> recognises them.</summary>
public enum ModelFileFormat
{
    /// <summary>A model file of ClcNet.NET (<c>model_best</c>, <c>model_&lt;epoch&gt;</c>, what <c>ModelFile.Save</c> writes).</summary>
    ClcNet,

    /// <summary>An original clcNet saved by Torch7's <c>torch.save</c> (<c>.t7</c>), read by <see cref="Torch7.Torch7Model"/>.</summary>
    Torch7,

    /// <summary>An ONNX model exported by <see cref="Onnx.ClcNetOnnx"/>, run on ONNX Runtime by <see cref="Onnx.OnnxClassifier"/>.</summary>
    Onnx,
}
