namespace ClcNet.Training.TensorBoard;

/// <summary>
/// Writes scalars to a TensorBoard event file <c>events.out.tfevents.&lt;unix time&gt;.&lt;host&gt;</c> in a
/// log folder, as <c>torch.utils.tensorboard.SummaryWriter.add_scalar</c> does; view with
/// <c>tensorboard --logdir FOLDER</c>.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream stream;
    private readonly TfRecordWriter records;
    private readonly TimeProvider clock;

    /// <summary>Creates a new event file in <paramref name="logDirectory"/> and writes its version event.</summary>
    public TensorBoardWriter(string logDirectory, TimeProvider? clock = null)
    {
        this.clock = clock ?? TimeProvider.System;
        Directory.CreateDirectory(logDirectory);
        FilePath = Path.Combine(logDirectory,
            $"events.out.tfevents.{this.clock.GetUtcNow().ToUnixTimeSeconds()}.{Environment.MachineName}");
        stream = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
        records = new TfRecordWriter(stream);
        records.Write(EventEncoder.FileVersion(WallTime, "brain.Event:2"));
        stream.Flush();
    }

    /// <summary>The event file.</summary>
    public string FilePath { get; }

    private double WallTime => clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Records <paramref name="tag"/> = <paramref name="value"/> at <paramref name="step"/>.</summary>
    public void AddScalar(string tag, double value, long step) =>
        records.Write(EventEncoder.Scalar(WallTime, step, tag, (float)value));

    /// <summary>Pushes the events written so far to disk, so TensorBoard sees them while training runs.</summary>
    public void Flush() => stream.Flush();

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();
}
