namespace ClcNet.Cli;

/// <summary>What <c>clcgen</c> returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Training started but failed (e.g. the loss diverged, or an epoch could not be saved).</summary>
    public const int Failure = 1;

    /// <summary>
    /// Bad input, found before any work: an unknown option, a bad number, a missing data folder or
    /// <c>train/</c> folder, an unknown network, an unusable checkpoint or image. One line on stderr.
    /// </summary>
    public const int Usage = 2;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT); the last finished epoch is checkpointed.</summary>
    public const int Interrupted = 130;
}
