namespace ClcNet.Training.Checkpoints;

/// <summary>A checkpoint or model file that cannot be used: missing, corrupt, or made for another network.</summary>
public class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
