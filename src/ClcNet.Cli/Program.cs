using ClcNet.Cli;

// The first Ctrl+C stops training between two batches (finished epochs stay checkpointed); a second one kills.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupt.Cancel();
    }
};
return Clcgen.Run(args, Console.Out, Console.Error, interrupt.Token);
