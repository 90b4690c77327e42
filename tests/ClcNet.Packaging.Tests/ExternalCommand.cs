using System.Diagnostics;

namespace ClcNet.Packaging.Tests;

/// <summary>The exit code and the interleaved stdout and stderr of a finished process.</summary>
internal sealed record CommandResult(string CommandLine, int ExitCode, string Output)
{
    /// <summary>For assertion messages: what ran and everything it printed.</summary>
    public override string ToString() => $"$ {CommandLine}\n(exit code {ExitCode})\n{Output}";
}

/// <summary>Runs programs (dotnet, the installed clcgen, bash) as a user's shell would, outside the test host.</summary>
internal static class ExternalCommand
{
    // A guard against a hung restore or build, not a measurement: a pack from scratch takes a few minutes.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static CommandResult Run(
        string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // `dotnet test` runs this host under MSBuild, whose variables would point a nested build at the outer one.
        foreach (string name in start.Environment.Keys.Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string commandLine = string.Join(' ', new[] { fileName }.Concat(start.ArgumentList));
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{commandLine}' still ran after {Limit.TotalMinutes} minutes:\n{output}");
        }
        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, output.ToString());
    }

    /// <summary>
    /// <c>dotnet</c> with <paramref name="arguments"/>, build servers off, so nothing outlives the command
    /// (a compiler server or MSBuild node left running would hold this process's output pipes open).
    /// </summary>
    public static CommandResult Dotnet(
        string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var withoutServers = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["UseSharedCompilation"] = "false",
        };
        return Run("dotnet", arguments, workingDirectory, withoutServers);
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line != null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
