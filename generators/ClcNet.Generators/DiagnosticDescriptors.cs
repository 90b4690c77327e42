using System;
using Microsoft.CodeAnalysis;

namespace ClcNet.Generators;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never renumber or reuse one, since users
/// suppress and configure them by ID. Each message names the culprit and the fix.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ClcNet";

    public static DiagnosticDescriptor NotPartial { get; } = new(
        "CLC001",
        "[ClcNet] classes and the types containing them must be partial",
        "'{0}' is not partial, so the generator cannot add the network to '{1}': declare '{0}' as 'partial'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor Generic { get; } = new(
        "CLC002",
        "[ClcNet] classes cannot be generic",
        "'{0}' declares type parameters, but the network '{1}' has one fixed layout: remove the type parameters or move '{1}' out of '{0}'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor HasBaseClass { get; } = new(
        "CLC003",
        "[ClcNet] classes cannot declare a base class",
        "'{0}' already derives from '{1}': remove the base class, the generator makes '{0}' derive from TorchSharp's Module<Tensor, Tensor>",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor NotAPlainClass { get; } = new(
        "CLC004",
        "[ClcNet] needs a plain class",
        "'{0}' is declared as a {1}: declare it as a non-static 'partial class'",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor NegativeStageCount { get; } = new(
        "CLC005",
        "Negative stage count",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor TooFewClasses { get; } = new(
        "CLC006",
        "Fewer than one class",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor TooFewInputChannels { get; } = new(
        "CLC007",
        "Fewer than one input channel",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor InvalidStemStride { get; } = new(
        "CLC008",
        "Stem stride below 1",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor InputTooSmall { get; } = new(
        "CLC009",
        "Input too small for the network's strides",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor GroupSizeDoesNotDivide { get; } = new(
        "CLC010",
        "3x3 group size does not divide a block's channels",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor PointwiseGroupsDoNotDivide { get; } = new(
        "CLC011",
        "1x1 groups do not divide a block's channels",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor BrokenConnectivity { get; } = new(
        "CLC012",
        "Blocks lose full channel connectivity",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor InvalidNetworkName { get; } = new(
        "CLC013",
        "Invalid network name",
        "'{0}' cannot register as \"{1}\": {2}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor DuplicateNetworkName { get; } = new(
        "CLC014",
        "Two networks register under one name",
        "'{0}' registers as '{1}', as '{2}' does: give one of them another Name in its [ClcNet] attribute",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor NameWithoutRegistration { get; } = new(
        "CLC015",
        "Name of a network that cannot register itself",
        "'{0}' cannot register as \"{1}\": '{2}' is hidden from the rest of its assembly, where the module initialiser that registers it runs; make '{2}' internal or public, or remove Name",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor TooManyParameters { get; } = new(
        "CLC016",
        "Network parameters exceed the memory limit",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static DiagnosticDescriptor FeatureMapTooLarge { get; } = new(
        "CLC017",
        "Feature map of one image exceeds the memory limit",
        "'{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>The diagnostic for a rule a <see cref="ClcNetSpec"/> breaks.</summary>
    public static DiagnosticDescriptor For(SpecRule rule) => rule switch
    {
        SpecRule.NegativeStageCount => NegativeStageCount,
        SpecRule.TooFewClasses => TooFewClasses,
        SpecRule.TooFewInputChannels => TooFewInputChannels,
        SpecRule.InvalidStemStride => InvalidStemStride,
        SpecRule.InputTooSmall => InputTooSmall,
        SpecRule.GroupSizeDoesNotDivide => GroupSizeDoesNotDivide,
        SpecRule.PointwiseGroupsDoNotDivide => PointwiseGroupsDoNotDivide,
        SpecRule.BrokenConnectivity => BrokenConnectivity,
        SpecRule.TooManyParameters => TooManyParameters,
        SpecRule.FeatureMapTooLarge => FeatureMapTooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "a SpecRule without a diagnostic"),
    };
}
