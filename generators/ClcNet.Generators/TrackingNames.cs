namespace ClcNet.Generators;

/// <summary>Names of the pipeline steps, so tests can check what the incremental driver re-ran.</summary>
internal static class TrackingNames
{
    /// <summary>One <see cref="Model.ParseResult"/> per annotated class.</summary>
    public const string Parse = "ClcNet.Parse";

    /// <summary>The networks free of errors, which the emit step turns into source.</summary>
    public const string Networks = "ClcNet.Networks";

    /// <summary>The registry names of all networks, checked for duplicates.</summary>
    public const string Registrations = "ClcNet.Registrations";

    /// <summary>The distinct block shapes of all networks, which the shape file is emitted from.</summary>
    public const string BlockShapes = "ClcNet.BlockShapes";
}
