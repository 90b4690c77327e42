using System.CommandLine;
using ClcNet.Cli.Options;

namespace ClcNet.Cli.Commands;

/// <summary><c>clcgen summary --net clcneta | -a .. -d ..</c>: the layer table and totals of a network.</summary>
internal sealed class SummaryCommand
{
    private readonly NetworkOptions network = new();

    private readonly Option<int?> classes = new Option<int?>("--classes")
    {
        Description = "Outputs of the classifier. Default: 1000.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<int?> inputChannels = new Option<int?>("--input-channels")
    {
        Description = "Channels of the input image (3 RGB, 1 grayscale). Default: 3.",
        HelpName = "N",
    }.AtLeast(1);

    private readonly Option<int?> inputSize = new Option<int?>("--input-size")
    {
        Description = "Side of the square input image. Default: 224.",
        HelpName = "N",
    }.AtLeast(1);

    public SummaryCommand(CliContext context)
    {
        Command = new Command("summary", "Print the layers of a clcNet with output shapes, parameters and multiply-adds (default: clcneta).");
        network.AddTo(Command);
        Command.Options.Add(classes);
        Command.Options.Add(inputChannels);
        Command.Options.Add(inputSize);
        Command.SetAction(parsed =>
        {
            NetworkChoice choice = network.Read(parsed) ?? NetworkChoice.Named["clcneta"];
            ClcNetSpec spec = SpecValidation.RequireBuildable(
                choice.ToSpec(parsed.GetValue(classes) ?? 1000, parsed.GetValue(inputChannels) ?? 3, parsed.GetValue(inputSize) ?? 224));
            context.Output.Write(Summary.Format(LayerPlan.For(spec)));
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
