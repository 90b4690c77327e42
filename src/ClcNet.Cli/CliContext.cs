using ClcNet.Cli.Terminal;

namespace ClcNet.Cli;

/// <summary>Where a command writes, whether it may draw live progress, and when to stop.</summary>
/// <param name="Output">Results and progress.</param>
/// <param name="Error">One-line errors.</param>
/// <param name="Interactive">Output is a terminal: draw live progress bars rather than log lines.</param>
/// <param name="Cancellation">Fires on Ctrl+C.</param>
internal sealed record CliContext(TextWriter Output, TextWriter Error, bool Interactive, CancellationToken Cancellation)
{
    /// <summary>Warnings about unreadable images, shared by every loader of the command so each file is named once.</summary>
    public SkippedImageWarnings SkippedImages { get; } = new(Error);
}
