// Shared with the source generator: keep it netstandard2.0-compatible and free of TorchSharp.
namespace ClcNet;

/// <summary>The rules a <see cref="ClcNetSpec"/> can break; the generator maps each to a diagnostic ID.</summary>
public enum SpecRule
{
    /// <summary>One of a, b, c, d is negative.</summary>
    NegativeStageCount,

    /// <summary>Classes is below 1.</summary>
    TooFewClasses,

    /// <summary>InputChannels is below 1.</summary>
    TooFewInputChannels,

    /// <summary>StemStride is below 1.</summary>
    InvalidStemStride,

    /// <summary>A strided layer would see a map smaller than its stride.</summary>
    InputTooSmall,

    /// <summary>GroupSize3x3 does not divide a block's channels.</summary>
    GroupSizeDoesNotDivide,

    /// <summary>PointwiseGroups does not divide a block's channels.</summary>
    PointwiseGroupsDoNotDivide,

    /// <summary>Legal, but some block outputs do not depend on every input (a warning).</summary>
    BrokenConnectivity,

    /// <summary>The parameters would need more memory than <see cref="ClcNetSpec.MaxParameterBytes"/>.</summary>
    TooManyParameters,

    /// <summary>One image's largest feature map would need more memory than <see cref="ClcNetSpec.MaxFeatureMapBytes"/>.</summary>
    FeatureMapTooLarge,
}

/// <summary>One broken rule of a spec: which, which parameter is to blame, and what to do.</summary>
public sealed class SpecProblem
{
    /// <summary>Creates a problem report.</summary>
    public SpecProblem(SpecRule rule, string parameter, string message, bool isWarning = false)
    {
        Rule = rule;
        Parameter = parameter;
        Message = message;
        IsWarning = isWarning;
    }

    /// <summary>The broken rule.</summary>
    public SpecRule Rule { get; }

    /// <summary>The parameter to change: a, b, c, d or a property name such as <c>InputSize</c>.</summary>
    public string Parameter { get; }

    /// <summary>One line naming the problem and the fix.</summary>
    public string Message { get; }

    /// <summary>True for legal-but-suspicious specs.</summary>
    public bool IsWarning { get; }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
