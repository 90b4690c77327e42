namespace ClcNet.Interop.Torch7;

/// <summary>
/// Stands where a file holds a serialised Lua function. The reader never loads or runs code: it checks the
/// length of the bytecode and steps over it (reading its upvalues as plain data), so a file can still be
/// read when a function sits somewhere harmless, e.g. the worker setup <c>impl.initFunc</c> of a saved
/// <c>nn.DataParallelTable</c>. Whoever expects a value where a function sits reports its <see cref="Path"/>.
/// </summary>
public sealed class Torch7Function
{
    internal Torch7Function(Torch7Path location, int bytecodeLength)
    {
        Location = location;
        BytecodeLength = bytecodeLength;
    }

    /// <summary>Where the function sits, e.g. <c>impl.initFunc</c>.</summary>
    public string Path => Location.ToString();

    internal Torch7Path Location { get; }

    /// <summary>Length of its (unread, never executed) Lua bytecode.</summary>
    public int BytecodeLength { get; }

    /// <inheritdoc/>
    public override string ToString() => $"Lua function at {Path}";
}
