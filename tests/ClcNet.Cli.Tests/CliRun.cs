using ClcNet.Cli;

namespace ClcNet.Cli.Tests;

/// <summary>Runs <c>clcgen</c> in-process with captured output (not a terminal, so progress comes as log lines).</summary>
internal static class CliRun
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = Clcgen.Run(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Asserts that <paramref name="commandLine"/> (split on spaces) fails before any work: exit code 2, nothing on
    /// stdout, and exactly the line <c>clcgen: error: <paramref name="message"/></c> on stderr.
    /// </summary>
    public static void AssertUsageError(string commandLine, string message)
    {
        (int exitCode, string? output, string? error) = Run(commandLine.Split(' '));

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal($"clcgen: error: {message}{Environment.NewLine}", error);
        Assert.Equal("", output);
    }

    /// <summary>The last line a command printed (e.g. eval's <c> * Results top1: ...</c>).</summary>
    public static string LastLine(string output) => output.TrimEnd().Split(Environment.NewLine)[^1];
}
