using System.CommandLine;
using ClcNet.Cli.Commands;
using ClcNet.Data;

namespace ClcNet.Cli;

/// <summary>
/// The <c>clcgen</c> command line: <c>train</c>, <c>eval</c>, <c>classify</c>, <c>convert</c>, <c>export</c>, <c>summary</c> and <c>bench</c>. Every user error
/// is one line on stderr, <c>clcgen: error: ...</c>, with exit code <see cref="ExitCodes.Usage"/>.
/// </summary>
public static class Clcgen
{
    /// <summary>
    /// How every command line is parsed (the tests' <c>TrainCommand.Parse</c> too). No POSIX bundling: single-dash
    /// words are the original's Torch flags (<c>-nGPU</c>, <c>-testOnly</c>), never bundles of <c>-a -b -c -d</c>.
    /// </summary>
    internal static readonly ParserConfiguration Parsing = new() { EnablePosixBundling = false };

    /// <summary>
    /// The longest error line printed: room for a couple of the longest paths Linux allows, while a message that
    /// quotes a damaged file at length is cut.
    /// </summary>
    internal const int MaxErrorLength = 10_000;

    /// <summary>Runs the command line <paramref name="args"/> and returns the exit code.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="output">Where results and progress go; live progress bars only when this is a terminal.</param>
    /// <param name="error">Where errors go.</param>
    /// <param name="cancellation">Stops training between two batches (Ctrl+C).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var context = new CliContext(output, error, interactive, cancellation);
        RootCommand root = Build(context);
        ParseResult parsed = root.Parse(args, Parsing);
        if (parsed.Errors.Count > 0 && parsed.CommandResult.Command == root)
        {
            return Fail(error, NoCommand(root, parsed));
        }
        if (parsed.Errors.Count > 0)
        {
            string command = parsed.CommandResult.Command is var c && c != root ? $"clcgen {c.Name}" : "clcgen";
            return Fail(error, $"{parsed.Errors[0].Message} (see {command} --help)");
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (UserErrors.Describe(e) is string message)
        {
            return Fail(error, message);
        }
    }

    /// <summary>The command tree; <paramref name="context"/> goes to the actions.</summary>
    internal static RootCommand Build(CliContext context)
    {
        var root = new RootCommand("clcgen: train, evaluate and use clcNet networks (channel-local convolutions, CVPR 2018).");
        root.Subcommands.Add(new TrainCommand(context).Command);
        root.Subcommands.Add(new EvalCommand(context).Command);
        root.Subcommands.Add(new ClassifyCommand(context).Command);
        root.Subcommands.Add(new ConvertCommand(context).Command);
        root.Subcommands.Add(new ExportCommand(context).Command);
        root.Subcommands.Add(new SummaryCommand(context).Command);
        root.Subcommands.Add(new BenchCommand(context).Command);
        return root;
    }

    /// <summary>What to say when no command was recognised: which word is not one, and which commands there are.</summary>
    private static string NoCommand(RootCommand root, ParseResult parsed)
    {
        string commands = string.Join(", ", root.Subcommands.Select(command => command.Name));
        return parsed.UnmatchedTokens.Count == 0
            ? $"no command given; use one of {commands} (see clcgen --help)"
            : $"'{parsed.UnmatchedTokens[0]}' is not a clcgen command; use one of {commands} (see clcgen --help)";
    }

    /// <summary>
    /// Prints <paramref name="message"/> as one printable, bounded line, whatever its source quoted: the last line of
    /// defence behind the messages' own care.
    /// </summary>
    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"clcgen: error: {PrintableText.OneLine(message, MaxErrorLength)}");
        return ExitCodes.Usage;
    }
}
