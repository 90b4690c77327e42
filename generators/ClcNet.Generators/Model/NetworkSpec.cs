namespace ClcNet.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one network class, as plain values: where the class lives and
/// which spec it declares. The layers themselves come from <see cref="LayerPlan"/> at emit time.
/// </summary>
/// <param name="HintName">Unique file name of the generated source.</param>
/// <param name="Namespace">Namespace of the class, or null for the global namespace.</param>
/// <param name="ContainingTypes">Types the class is nested in, outermost first.</param>
/// <param name="ClassName">The class's name, escaped when it is a keyword.</param>
/// <param name="Spec">The network the attribute declares; already free of errors.</param>
/// <param name="RegistryName">
/// The name the class registers under in <c>ClcNetRegistry</c>, or null when it cannot register itself (it is not
/// visible to its whole assembly, as a module initialiser must be).
/// </param>
internal sealed record NetworkSpec(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string ClassName,
    ClcNetSpec Spec,
    string? RegistryName);

/// <summary>A type a network class is nested in.</summary>
/// <param name="Keyword">How it is declared: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">Its name, escaped when it is a keyword.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
