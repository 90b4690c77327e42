using ClcNet.Cli.Terminal;
using ClcNet.Data;

namespace ClcNet.Cli.Tests;

public sealed class SkippedImageWarningsTests
{
    [Fact]
    public void EachUnreadableFileIsNamedOnceWithTheRunningCount()
    {
        var error = new StringWriter();
        var warnings = new SkippedImageWarnings(error);

        // Epoch 1 meets a.png and b.png; epoch 2 meets them again.
        foreach (string path in new[] { "a.png", "b.png", "a.png", "b.png" })
        {
            warnings.Report(new ImageLoadException(path, "not an image"));
        }

        Assert.Equal(
            [
                "clcgen: warning: skipped a.png: not an image (unreadable image 1 of this run; it is skipped in every epoch without another warning)",
                "clcgen: warning: skipped b.png: not an image (unreadable image 2 of this run; it is skipped in every epoch without another warning)",
            ],
            error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
