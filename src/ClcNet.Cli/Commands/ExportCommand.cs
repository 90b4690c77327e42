using System.CommandLine;
using ClcNet.Cli.Options;
using ClcNet.Interop.Models;
using ClcNet.Interop.Onnx;
using ClcNet.Interop.SafeTensors;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary>
/// <c>clcgen export --model FILE --output net.onnx [--opset N] [--keep-batchnorm] [--format onnx|safetensors]</c>: a model
/// file or <c>.t7</c> file as an ONNX model (<see cref="ClcNetOnnx"/>: spec, class names and normalisation in its
/// metadata) or as PyTorch weights (<see cref="ClcNetSafeTensors"/>).
/// </summary>
internal sealed class ExportCommand
{
    private const string Onnx = "onnx";
    private const string SafeTensors = "safetensors";

    private readonly Option<string> model = ModelOption.Create(onnx: false);

    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "The file to write (e.g. net.onnx, or net.safetensors with --format safetensors).",
        HelpName = "FILE",
        Required = true,
    };

    private readonly Option<string?> format = new Option<string?>("--format")
    {
        Description = $"{Onnx}: an ONNX model (input 'input' [N, C, H, W], output 'logits' [N, classes], dynamic batch); " +
            $"{SafeTensors}: the weights under PyTorch's state_dict names. Default: {Onnx}.",
        HelpName = $"{Onnx}|{SafeTensors}",
    }.OneOf([Onnx, SafeTensors], $"unknown format; use {Onnx} or {SafeTensors}");

    private readonly Option<int?> opset = new Option<int?>("--opset")
    {
        Description = $"ai.onnx opset of the ONNX model, {OnnxOpset.Minimum} to {OnnxOpset.Maximum}. Default: {OnnxOpset.Default}.",
        HelpName = "N",
    }.Numeric().Require(value => value is >= OnnxOpset.Minimum and <= OnnxOpset.Maximum,
        $"opsets {OnnxOpset.Minimum} to {OnnxOpset.Maximum} are supported");

    private readonly Option<bool> keepBatchNorm = new("--keep-batchnorm")
    {
        Description = "Keep BatchNormalization nodes in the ONNX model instead of folding them into the convolutions.",
    };

    private readonly ModelFileOptions modelFile = new();

    public ExportCommand(CliContext context)
    {
        Command = new Command("export",
            "Export a model file or original .t7 file to ONNX, for ONNX Runtime and other runtimes (opset 17, BatchNorm folded, " +
            "spec, class names and input normalisation in the model's metadata), or its weights to a .safetensors file for PyTorch.")
        {
            model, output, format, opset, keepBatchNorm,
        };
        modelFile.AddTo(Command);
        Command.SetAction(parsed =>
        {
            string source = parsed.GetValue(model)!, target = parsed.GetValue(output)!;
            bool safeTensors = (parsed.GetValue(format) ?? Onnx) == SafeTensors;
            if (safeTensors && (parsed.GetValue(opset) is not null || parsed.GetValue(keepBatchNorm)))
            {
                throw new UsageException($"--opset and --keep-batchnorm shape an ONNX model; leave them out with --format {SafeTensors}");
            }
            using LoadedModel opened = ModelFiles.OpenWeights(source, modelFile.Read(parsed, CPU));
            if (safeTensors)
            {
                ClcNetSafeTensors.Save(opened.Network, opened.Spec, target);
            }
            else
            {
                ClcNetOnnx.Export(opened.Network, opened.Spec, target, new OnnxExportOptions
                {
                    Opset = parsed.GetValue(opset) ?? OnnxOpset.Default,
                    FoldBatchNorm = !parsed.GetValue(keepBatchNorm),
                    ClassNames = opened.ClassNames,
                    Normalization = opened.Normalization,
                });
            }
            context.Output.WriteLine($"=> {opened.Spec} from {source} exported to {target}");
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
