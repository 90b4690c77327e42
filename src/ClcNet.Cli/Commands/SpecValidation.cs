namespace ClcNet.Cli.Commands;

/// <summary>Turns a spec that breaks a rule into a one-line usage error.</summary>
internal static class SpecValidation
{
    /// <exception cref="UsageException">The spec breaks a rule (warnings pass).</exception>
    public static ClcNetSpec RequireBuildable(ClcNetSpec spec)
    {
        SpecProblem? problem = spec.FirstError();
        return problem is null ? spec : throw new UsageException($"{spec} cannot be built: {problem.Message}");
    }
}
