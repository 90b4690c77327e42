using System.CommandLine;
using ClcNet.Cli.Options;

namespace ClcNet.Cli.Commands;

/// <summary><c>clcgen summary --net clcneta | -a .. -d ..</c>: the layer table and totals of a network.</summary>
internal sealed class SummaryCommand
{
    private readonly NetworkOptions network = new();

    private readonly InputShapeOptions inputShape = new();

    public SummaryCommand(CliContext context)
    {
        Command = new Command("summary", "Print the layers of a clcNet with output shapes, parameters and multiply-adds (default: clcneta).");
        network.AddTo(Command);
        inputShape.AddTo(Command);
        Command.SetAction(parsed =>
        {
            NetworkChoice choice = network.Read(parsed) ?? NetworkChoice.Named["clcneta"];
            ClcNetSpec spec = SpecValidation.RequireBuildable(inputShape.ToSpec(choice, parsed));
            context.Output.Write(Summary.Format(LayerPlan.For(spec)));
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
