namespace ClcNet.Generators.Model;

/// <summary>
/// The name one emitted class registers under, and where that name is written (its <c>Name = "..."</c>, or the
/// class name it is derived from), so that two classes of a compilation with the same name can both be pointed at.
/// Kept apart from <see cref="NetworkSpec"/>: a location changes with every edit above it, the emitted source does not.
/// </summary>
/// <param name="Name">The registry name.</param>
/// <param name="ClassName">The class, as C# names it (namespace and containing types included).</param>
/// <param name="Location">Where the name comes from.</param>
internal sealed record NetworkRegistration(string Name, string ClassName, LocationInfo Location);
