namespace ClcNet.Packaging.Tests;

/// <summary>clcgen as `dotnet tool install` puts it on a machine: TorchSharp loads from the tool's own folder.</summary>
[Collection(PackageFeedCollection.Name)]
public sealed class ToolPackageTests(PackageFeed feed)
{
    [Fact]
    public void HelpListsTheCommands()
    {
        CommandResult help = Clcgen("--help");

        Assert.True(help.ExitCode == 0, help.ToString());
        foreach (string command in new[] { "train", "eval", "classify", "summary", "bench" })
        {
            Assert.Contains($"  {command} ", help.Output);
        }
    }

    [Fact]
    public void SummaryOfClcNetALoadsTorchSharp()
    {
        CommandResult summary = Clcgen("summary", "--net", "clcneta");

        Assert.True(summary.ExitCode == 0, summary.ToString());
        // clcNet-A as published: 3.25 M parameters, 343 M multiply-adds (the table at the top of README.md).
        Assert.Contains("3,253,640", summary.Output);
        Assert.EndsWith("3.25 M parameters, 343.0 M multiply-adds per 224x224 image", summary.Output.TrimEnd());
    }

    [Fact]
    public void TheToolsTorchSharpGlueLoadsWithOlderLibStdCxx()
    {
        // Patched when the tool was packed, so it holds on whatever host installs it.
        string glue = Assert.Single(Directory.GetFiles(feed.ToolPath, "libLibTorchSharp.so", SearchOption.AllDirectories));

        TorchSharpGlue.AssertLoadsWithOlderLibStdCxx(glue);
    }

    [Fact]
    public void TheSuggestDirectiveCompletesCommandsAndOptions()
    {
        CommandResult commands = Suggest("clcgen ");
        CommandResult options = Suggest("clcgen summary --inpu");

        Assert.True(commands.ExitCode == 0, commands.ToString());
        Assert.Superset(new HashSet<string> { "bench", "classify", "eval", "summary", "train" }, Lines(commands.Output).ToHashSet());
        Assert.Equal(["--input-channels", "--input-size"], Lines(options.Output));
    }

    [Fact]
    public void TheBashCompletionScriptCompletesAPartialCommand()
    {
        string script = Path.Combine(AppContext.BaseDirectory, "clcgen-completion.bash");

        CommandResult completion = ExternalCommand.Run(
            "bash",
            ["-c", $"source '{script}'; COMP_LINE='clcgen su'; COMP_POINT=9; _clcgen_complete; printf '%s\\n' \"${{COMPREPLY[@]}}\""],
            feed.ToolPath,
            new Dictionary<string, string> { ["PATH"] = $"{feed.ToolPath}:{Environment.GetEnvironmentVariable("PATH")}" });

        Assert.True(completion.ExitCode == 0, completion.ToString());
        Assert.Equal(["summary"], Lines(completion.Output));
    }

    private CommandResult Clcgen(params string[] arguments) =>
        ExternalCommand.Run(Path.Combine(feed.ToolPath, "clcgen"), arguments, feed.ToolPath);

    /// <summary>The completions for <paramref name="commandLine"/> with the cursor at its end, as a shell asks.</summary>
    private CommandResult Suggest(string commandLine) => Clcgen($"[suggest:{commandLine.Length}]", commandLine);

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
