using ClcNet.Data;

namespace ClcNet.Testing.Fuzzing;

/// <summary>
/// Runs fuzz cases in-process, one after another on this thread, and collects every case that broke a rule:
/// it threw anything but the expected exception type, allocated more than its budget of managed memory, or gave
/// an error message that is not one printable, bounded line.
/// </summary>
internal sealed class FuzzCases<TError>(int maxMessageLength) where TError : Exception
{
    private readonly List<string> failures = [];

    public int Succeeded { get; private set; }

    public int Refused { get; private set; }

    /// <summary>Runs <paramref name="read"/> (described by <paramref name="what"/>), which may allocate at most <paramref name="allocationBudget"/> bytes.</summary>
    public void Run(string what, long allocationBudget, Action read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            read();
            Succeeded++;
        }
        catch (TError error)
        {
            Refused++;
            if (error.Message.Length > maxMessageLength || PrintableText.OneLine(error.Message, int.MaxValue) != error.Message)
            {
                failures.Add($"{what}: message is not one printable line of at most {maxMessageLength} characters: {PrintableText.OneLine(error.Message)}");
            }
        }
        catch (Exception error)
        {
            failures.Add($"{what}: {error.GetType().Name} instead of {typeof(TError).Name}: {PrintableText.OneLine(error.Message)}");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > allocationBudget)
        {
            failures.Add($"{what}: allocated {allocated:N0} bytes, budget {allocationBudget:N0}");
        }
    }

    /// <summary>Fails listing every broken case; also fails when no case was refused, which would mean the mutations did nothing.</summary>
    public void AssertAllEndedWell()
    {
        Assert.True(failures.Count == 0, $"{failures.Count} fuzz cases failed:\n{string.Join("\n", failures)}");
        Assert.True(Refused > 0, "no fuzz case was refused: the mutations did not reach the reader");
    }
}
