using System.CommandLine;
using ClcNet.Cli.Options;
using ClcNet.Training;

namespace ClcNet.Cli.Commands;

/// <summary><c>clcgen summary --net clcneta | -a .. -d ..</c>: the layer table and totals of a network.</summary>
internal sealed class SummaryCommand
{
    private readonly StandaloneNetworkOptions network = new();

    public SummaryCommand(CliContext context)
    {
        Command = new Command("summary", "Print the layers of a clcNet with output shapes, parameters and multiply-adds (default: clcneta).");
        network.AddTo(Command);
        Command.SetAction(parsed =>
        {
            ClcNetSpec spec = UnbuildableNetworkException.ThrowIfUnbuildable(network.Read(parsed));
            context.Output.Write(Summary.Format(LayerPlan.For(spec)));
            return ExitCodes.Success;
        });
    }

    public Command Command { get; }
}
