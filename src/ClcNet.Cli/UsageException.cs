namespace ClcNet.Cli;

/// <summary>Bad input from the user: printed as one line, exit code <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
