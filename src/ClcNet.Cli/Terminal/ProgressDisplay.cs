using ClcNet.Data.FashionMnist;
using ClcNet.Training.Progress;
using Spectre.Console;

namespace ClcNet.Cli.Terminal;

/// <summary>Runs work that reports progress: live bars on a terminal, plain log lines when output is redirected.</summary>
internal static class ProgressDisplay
{
    /// <summary>Batches between two log lines when output is redirected.</summary>
    public const int LogEvery = 50;

    /// <summary>Runs <paramref name="work"/> with the progress display that suits <paramref name="context"/>.</summary>
    public static T Run<T>(CliContext context, Func<ITrainingProgress, T> work)
    {
        if (!context.Interactive)
        {
            return work(new LogProgress(context.Output, LogEvery));
        }
        IAnsiConsole console = Console(context);
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(progress => work(new LiveProgress(progress, console)));
    }

    /// <summary>Runs <paramref name="work"/>, showing any Fashion-MNIST download it starts.</summary>
    public static T RunDownload<T>(CliContext context, Func<Action<DownloadProgress>, T> work)
    {
        if (!context.Interactive)
        {
            var reported = new HashSet<string>();
            return work(progress =>
            {
                if (reported.Add(progress.FileName))
                {
                    context.Output.WriteLine($"=> Downloading {progress.FileName}");
                }
            });
        }
        return Console(context).Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(display =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                return work(progress =>
                {
                    if (!tasks.TryGetValue(progress.FileName, out ProgressTask? task))
                    {
                        task = tasks[progress.FileName] = display.AddTask(progress.FileName, maxValue: progress.TotalBytes ?? 1);
                        task.IsIndeterminate = progress.TotalBytes is null;
                    }
                    task.Value = progress.BytesReceived;
                });
            });
    }

    private static IAnsiConsole Console(CliContext context) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Output) });
}
