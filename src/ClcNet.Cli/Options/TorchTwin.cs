using System.CommandLine;
using System.CommandLine.Parsing;

namespace ClcNet.Cli.Options;

/// <summary>
/// An option whose original Torch flag differs from its .NET name only in dashes (<c>--save</c> / <c>-save</c>).
/// Help shows one spelling per such pair and would pick the Torch one, so the Torch flag is a hidden twin with
/// the same rules, and the value is whichever of the two was given.
/// </summary>
internal sealed class TorchTwin<T>
{
    private readonly T? torchNotGiven;

    /// <param name="option">The .NET-style option.</param>
    /// <param name="torchFlag">The original's flag.</param>
    /// <param name="torchNotGiven">
    /// The original's default that means "not given" (<c>-resume none</c>), so a command line that spells it out
    /// still works verbatim.
    /// </param>
    public TorchTwin(Option<T?> option, string torchFlag, T? torchNotGiven = default)
    {
        Option = option;
        this.torchNotGiven = torchNotGiven;
        Torch = new Option<T?>(torchFlag) { Hidden = true, HelpName = option.HelpName };
        foreach (Action<OptionResult> validator in option.Validators)
        {
            Torch.Validators.Add(validator);
        }
        option.Description += $" (Torch: {torchFlag})";
    }

    /// <summary>The .NET-style option, shown in help.</summary>
    public Option<T?> Option { get; }

    /// <summary>The Torch flag, hidden from help.</summary>
    public Option<T?> Torch { get; }

    /// <summary>Adds both spellings to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Option);
        command.Options.Add(Torch);
    }

    /// <summary>The value given with either spelling, or default.</summary>
    public T? Read(ParseResult result)
    {
        T? torch = result.GetValue(Torch);
        return result.GetValue(Option) ?? (EqualityComparer<T?>.Default.Equals(torch, torchNotGiven) ? default : torch);
    }
}
