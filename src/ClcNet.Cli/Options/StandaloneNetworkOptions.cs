using System.CommandLine;
using ClcNet.Training.Networks;

namespace ClcNet.Cli.Options;

/// <summary>
/// The network options (<see cref="NetworkOptions"/>) with <c>--classes</c>, <c>--input-channels</c> and
/// <c>--input-size</c>, for the commands that build a network without data to take its input from (<c>summary</c>,
/// <c>bench</c>): clcNet-A for ImageNet's 1000 classes of 3 x 224 x 224 unless given.
/// </summary>
internal sealed class StandaloneNetworkOptions
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

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        network.AddTo(command);
        command.Options.Add(classes);
        command.Options.Add(inputChannels);
        command.Options.Add(inputSize);
    }

    /// <summary>The spec asked for (not yet checked against the spec rules).</summary>
    public ClcNetSpec Read(ParseResult result) =>
        (network.Read(result) ?? NetworkChoice.From(ClcNetA.Spec))
            .ToSpec(result.GetValue(classes) ?? 1000, result.GetValue(inputChannels) ?? 3, result.GetValue(inputSize) ?? 224);
}
