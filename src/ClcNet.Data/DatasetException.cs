namespace ClcNet.Data;

/// <summary>
/// A dataset that cannot be opened: a missing folder, a wrong layout, a corrupt or mismatched IDX file,
/// a failed download. The message is one line that names the problem and the fix.
/// </summary>
public class DatasetException(string message, Exception? inner = null) : IOException(message, inner);
