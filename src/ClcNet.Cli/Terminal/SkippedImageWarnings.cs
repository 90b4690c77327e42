using ClcNet.Data;

namespace ClcNet.Cli.Terminal;

/// <summary>
/// Warns on stderr about each image the loaders have to skip, once per run: a loader skips the same image again
/// every epoch, and repeating its warning would bury the progress log. Each warning carries the running count of
/// distinct unreadable images, so the total is on the last one.
/// </summary>
internal sealed class SkippedImageWarnings(TextWriter error)
{
    private readonly HashSet<string> reported = [];

    /// <summary>
    /// Warns about <paramref name="problem"/> unless its file was already reported. Loaders report on their
    /// consumer's thread, and a command consumes its loaders one after another, so no lock is needed.
    /// </summary>
    public void Report(ImageLoadException problem)
    {
        if (reported.Add(problem.Path))
        {
            error.WriteLine($"clcgen: warning: skipped {PrintableText.OneLine(problem.Message, Clcgen.MaxErrorLength)} " +
                $"(unreadable image {reported.Count} of this run; it is skipped in every epoch without another warning)");
        }
    }
}
