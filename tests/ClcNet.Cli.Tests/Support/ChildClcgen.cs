using System.Diagnostics;
using System.Text;

namespace ClcNet.Cli.Tests.Support;

/// <summary>
/// <c>clcgen</c> in a process of its own (the app host the build puts next to the tests), for what a run in the test
/// process cannot show: a <c>kill -9</c>. Its output is collected as it comes, so a full pipe never stalls it.
/// </summary>
internal sealed class ChildClcgen : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ChildClcgen(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "clcgen.exe" : "clcgen"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <c>clcgen <paramref name="args"/></c>.</summary>
    public static ChildClcgen Start(params string[] args) => new(args);

    public bool HasExited => process.HasExited;

    /// <summary>Everything it printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>SIGKILL, as <c>kill -9</c> sends it: no handler runs, nothing is flushed. Returns once the process is gone.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public int WaitForExit(TimeSpan limit)
    {
        if (!process.WaitForExit(limit))
        {
            Kill();
            throw new TimeoutException($"clcgen ran past {limit}; its output: {Output}");
        }
        process.WaitForExit(); // the rest of its output
        return process.ExitCode;
    }

    /// <summary>
    /// Kills the process as soon as <paramref name="moment"/> holds, checking every millisecond or so; false when the
    /// process ended first.
    /// </summary>
    public bool KillWhen(Func<bool> moment, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!moment())
        {
            if (process.HasExited)
            {
                return false;
            }
            if (clock.Elapsed > limit)
            {
                Kill();
                throw new TimeoutException($"the moment to kill clcgen did not come within {limit}; its output: {Output}");
            }
            Thread.Sleep(1);
        }
        Kill();
        return true;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }
        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
