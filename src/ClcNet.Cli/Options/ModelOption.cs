using System.CommandLine;

namespace ClcNet.Cli.Options;

/// <summary><c>--model FILE</c>: a model file of clcgen, an original Torch7 <c>.t7</c> file or, where it can run, an exported <c>.onnx</c> model.</summary>
internal static class ModelOption
{
    /// <summary>A new required <c>--model</c> option; <paramref name="onnx"/>: the command also runs .onnx models.</summary>
    public static Option<string> Create(bool onnx) => new("--model")
    {
        Description = "Model file written by clcgen train (e.g. checkpoints/model_best), an original clcNet .t7 file" +
            (onnx ? ", or an .onnx model written by clcgen export (run on ONNX Runtime)." : "."),
        HelpName = "FILE",
        Required = true,
    };
}
