using System.CommandLine;
using ClcNet.Interop.Models;
using static TorchSharp.torch;

namespace ClcNet.Cli.Options;

/// <summary>
/// <c>--class-names FILE</c> and <c>--input-size N</c>, for the commands that open a model file without data to
/// take names and sizes from (<c>classify</c>, <c>convert</c>, <c>export</c>): what a Torch7 file does not record.
/// </summary>
internal sealed class ModelFileOptions
{
    private readonly Option<string?> classNames = new("--class-names")
    {
        Description = "Text file with one class name per line (class 0 first), replacing the model's names; for .t7 files, " +
            "which carry none (1000-class ones get the ILSVRC-2012 names, others class indices).",
        HelpName = "FILE",
    };

    private readonly Option<int?> inputSize = new Option<int?>("--input-size")
    {
        Description = "Input side to run a .t7 file at, which records none. Default: the largest its final pooling fits (224 for the published models).",
        HelpName = "N",
    }.AtLeast(1);

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(classNames);
        command.Options.Add(inputSize);
    }

    /// <summary>How to open the model, on <paramref name="device"/>.</summary>
    public ModelOpenOptions Read(ParseResult result, Device device) => new()
    {
        Device = device,
        ClassNamesFile = result.GetValue(classNames),
        Torch7InputSize = result.GetValue(inputSize),
    };
}
