using System.CommandLine;
using ClcNet.Cli.Options;
using ClcNet.Interop.Models;
using ClcNet.Training.Checkpoints;
using static TorchSharp.torch;

namespace ClcNet.Cli.Commands;

/// <summary><c>clcgen convert MODEL --output FILE</c>: an original clcNet <c>.t7</c> file (or a model file) as a model file of clcgen.</summary>
internal sealed class ConvertCommand
{
    private readonly Argument<string> model = new("MODEL")
    {
        Description = "An original clcNet .t7 file (fb.resnet.torch's model_best.t7, the published clcNet-A/B), or a clcgen model file.",
    };

    private readonly Option<string> output = new("--output", "-o")
    {
        Description = "The model file to write: spec, class names and weights, for eval, classify, export and train --retrain.",
        HelpName = "FILE",
        Required = true,
    };

    private readonly ModelFileOptions modelFile = new();

    public ConvertCommand(CliContext context)
    {
        Command = new Command("convert", "Convert an original clcNet .t7 file into a clcgen model file.") { model, output };
        modelFile.AddTo(Command);
        Command.SetAction(parsed =>
        {
            string source = parsed.GetValue(model)!, target = parsed.GetValue(output)!;
            using LoadedModel opened = ModelFiles.OpenWeights(source, modelFile.Read(parsed, CPU));
            ModelFile.Save(target, opened.Network, opened.Metadata);
            context.Output.WriteLine($"=> {opened.Spec} from {source} saved to {target}");
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
