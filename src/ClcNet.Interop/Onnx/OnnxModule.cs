using TorchSharp;
using static TorchSharp.torch;

namespace ClcNet.Interop.Onnx;

/// <summary>
/// An <see cref="OnnxClassifier"/> seen as a TorchSharp module, so code written for networks (the trainer's
/// evaluation, top-k, softmax) runs an .onnx model unchanged: <c>forward</c> returns the logits on the input's
/// device. It has no parameters; it borrows the classifier, which its owner disposes.
/// </summary>
public sealed class OnnxModule(OnnxClassifier classifier) : nn.Module<Tensor, Tensor>(nameof(OnnxModule))
{
    /// <summary>The classifier it runs.</summary>
    public OnnxClassifier Classifier { get; } = classifier;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The images do not have the model's input shape.</exception>
    public override Tensor forward(Tensor input)
    {
        using DisposeScope scope = NewDisposeScope();
        return Classifier.Run(input).to(input.device).MoveToOuterDisposeScope();
    }
}
