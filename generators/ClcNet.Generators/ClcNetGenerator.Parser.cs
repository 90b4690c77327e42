using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using ClcNet.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClcNet.Generators;

public sealed partial class ClcNetGenerator
{
    private static readonly SymbolDisplayFormat RawQualifiedName =
        new(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces);

    private static readonly SymbolDisplayFormat EscapedQualifiedName =
        new(typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

    /// <summary>The attribute's property that names the network in the registry.</summary>
    private const string NamePropertyName = "Name";

    /// <summary>Checks one annotated class and its spec; describes the network when nothing forbids emitting it.</summary>
    private static ParseResult Parse(GeneratorAttributeSyntaxContext attributed, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)attributed.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)attributed.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        AddClassShapeProblems(type, declaration, attributed.SemanticModel, diagnostics, cancellationToken);

        AttributeData attribute = attributed.Attributes[0];
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        ClcNetSpec? spec = ReadSpec(attribute);
        if (spec is not null)
        {
            AddSpecProblems(spec.Value, type, attributeSyntax, diagnostics);
        }
        NetworkRegistration? registration = ReadRegistration(type, declaration, attribute, attributeSyntax, diagnostics);

        bool canEmit = spec is not null && diagnostics.All(diagnostic => diagnostic.Descriptor.DefaultSeverity != DiagnosticSeverity.Error);
        return canEmit
            ? new ParseResult(Describe(type, declaration, spec!.Value, registration?.Name), registration, new EquatableArray<DiagnosticInfo>(diagnostics))
            : new ParseResult(null, null, new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    /// <summary>
    /// The name the class registers under: the attribute's <c>Name</c>, else the class name in lower case. Null when
    /// the class cannot register itself (a module initialiser must be visible to the whole assembly) or the name is
    /// not a network name (reported).
    /// </summary>
    private static NetworkRegistration? ReadRegistration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, AttributeData attribute,
        AttributeSyntax? attributeSyntax, List<DiagnosticInfo> diagnostics)
    {
        string? givenName = attribute.NamedArguments.FirstOrDefault(argument => argument.Key == NamePropertyName).Value.Value as string;
        Location nameLocation = givenName is null || attributeSyntax is null
            ? declaration.Identifier.GetLocation()
            : ArgumentLocation(attributeSyntax, NamePropertyName);
        string name = givenName ?? NetworkName.ForClass(type.Name);
        if (NetworkName.FindProblem(name) is string problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidNetworkName, nameLocation, type.Name, name, problem));
            return null;
        }
        if (HiddenFromItsAssembly(type) is INamedTypeSymbol hidden)
        {
            if (givenName is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NameWithoutRegistration, nameLocation, type.Name, name, hidden.Name));
            }
            return null;
        }
        return new NetworkRegistration(name, type.ToDisplayString(), LocationInfo.From(nameLocation));
    }

    /// <summary>The class or the first of its containers that code elsewhere in its assembly cannot see, or null.</summary>
    private static INamedTypeSymbol? HiddenFromItsAssembly(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                return current;
            }
        }
        return null;
    }

    private static void AddClassShapeProblems(INamedTypeSymbol type, TypeDeclarationSyntax declaration, SemanticModel semanticModel,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        string name = type.Name;
        if (declaration is RecordDeclarationSyntax record)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAPlainClass, record.Keyword.GetLocation(), name, "record"));
        }
        else if (type.IsStatic)
        {
            SyntaxToken staticKeyword = declaration.Modifiers.FirstOrDefault(modifier => modifier.IsKind(SyntaxKind.StaticKeyword));
            Location location = staticKeyword.IsKind(SyntaxKind.StaticKeyword) ? staticKeyword.GetLocation() : declaration.Identifier.GetLocation();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAPlainClass, location, name, "static class"));
        }

        foreach (TypeDeclarationSyntax typeOrContainer in declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            string typeOrContainerName = typeOrContainer.Identifier.ValueText;
            if (!typeOrContainer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, typeOrContainer.Identifier.GetLocation(), typeOrContainerName, name));
            }
            if (typeOrContainer.TypeParameterList is { } typeParameters)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.Generic, typeParameters.GetLocation(), typeOrContainerName, name));
            }
        }

        // Records are reported above whatever they derive from.
        if (type.BaseType is { SpecialType: not SpecialType.System_Object } baseType && !type.IsRecord)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.HasBaseClass,
                BaseClassLocation(type, baseType, semanticModel, cancellationToken), name, baseType.ToDisplayString()));
        }
    }

    /// <summary>Where the base class is written: the first entry of the base list of whichever part declares it.</summary>
    private static Location BaseClassLocation(INamedTypeSymbol type, INamedTypeSymbol baseType, SemanticModel semanticModel,
        CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { BaseList.Types: { Count: > 0 } baseTypes } part)
            {
                SemanticModel partModel = part.SyntaxTree == semanticModel.SyntaxTree
                    ? semanticModel
                    : semanticModel.Compilation.GetSemanticModel(part.SyntaxTree);
                TypeSyntax first = baseTypes[0].Type;
                if (SymbolEqualityComparer.Default.Equals(partModel.GetTypeInfo(first, cancellationToken).Type, baseType))
                {
                    return first.GetLocation();
                }
            }
        }
        return type.Locations[0];
    }

    /// <summary>The spec the attribute declares, or null when its arguments are not constants (the compiler reports that).</summary>
    private static ClcNetSpec? ReadSpec(AttributeData attribute)
    {
        ImmutableArray<TypedConstant> depths = attribute.ConstructorArguments;
        if (depths.Length != ClcNetSpec.DepthParameterNames.Length || depths.Any(depth => depth.Value is not int))
        {
            return null;
        }
        // Named properties not given keep ClcNetSpec's defaults, as the attribute's own initialisers do.
        var declared = new ClcNetSpec((int)depths[0].Value!, (int)depths[1].Value!, (int)depths[2].Value!, (int)depths[3].Value!);
        int Named(string property, int defaultValue) =>
            attribute.NamedArguments.FirstOrDefault(argument => argument.Key == property).Value.Value is int value ? value : defaultValue;
        // The attribute's properties are named as ClcNetSpec's.
        return declared with
        {
            Classes = Named(nameof(ClcNetSpec.Classes), declared.Classes),
            InputChannels = Named(nameof(ClcNetSpec.InputChannels), declared.InputChannels),
            InputSize = Named(nameof(ClcNetSpec.InputSize), declared.InputSize),
            StemStride = Named(nameof(ClcNetSpec.StemStride), declared.StemStride),
            GroupSize3x3 = Named(nameof(ClcNetSpec.GroupSize3x3), declared.GroupSize3x3),
            PointwiseGroups = Named(nameof(ClcNetSpec.PointwiseGroups), declared.PointwiseGroups),
        };
    }

    private static void AddSpecProblems(ClcNetSpec spec, INamedTypeSymbol type, AttributeSyntax? attributeSyntax,
        List<DiagnosticInfo> diagnostics)
    {
        foreach (SpecProblem problem in spec.FindProblems())
        {
            Location location = attributeSyntax is null ? type.Locations[0] : ArgumentLocation(attributeSyntax, problem.Parameter);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.For(problem.Rule), location, type.Name, problem.Message));
        }
    }

    /// <summary>The argument that sets <paramref name="parameter"/>, or the whole attribute when it keeps its default.</summary>
    private static Location ArgumentLocation(AttributeSyntax attribute, string parameter)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
        for (int i = 0; i < arguments.Count; i++)
        {
            AttributeArgumentSyntax argument = arguments[i];
            string? name = argument.NameEquals?.Name.Identifier.ValueText
                ?? argument.NameColon?.Name.Identifier.ValueText
                ?? (i < ClcNetSpec.DepthParameterNames.Length ? ClcNetSpec.DepthParameterNames[i] : null);
            if (name == parameter)
            {
                return argument.GetLocation();
            }
        }
        return attribute.GetLocation();
    }

    private static NetworkSpec Describe(INamedTypeSymbol type, TypeDeclarationSyntax declaration, ClcNetSpec spec, string? registryName)
    {
        INamespaceSymbol containingNamespace = type.ContainingNamespace;
        string? namespaceName = containingNamespace.IsGlobalNamespace ? null : containingNamespace.ToDisplayString(EscapedQualifiedName);
        IEnumerable<ContainingTypeSpec> containingTypes = declaration.Ancestors()
            .OfType<TypeDeclarationSyntax>()
            .Reverse()
            .Select(container => new ContainingTypeSpec(Keyword(container), Escape(container.Identifier.ValueText)));
        return new NetworkSpec(
            type.ToDisplayString(RawQualifiedName) + ".g.cs",
            namespaceName,
            new EquatableArray<ContainingTypeSpec>(containingTypes),
            Escape(type.Name),
            spec,
            registryName);
    }

    private static string Keyword(TypeDeclarationSyntax type) =>
        type is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.None)
            ? record.Keyword.ValueText + " " + record.ClassOrStructKeyword.ValueText
            : type.Keyword.ValueText;

    private static string Escape(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) == SyntaxKind.None ? identifier : "@" + identifier;

    /// <summary>
    /// CLC014 on every class whose registry name another class of the compilation also has (names compare as the
    /// registry compares them), naming the first other one; in source order, so the diagnostics are deterministic.
    /// </summary>
    private static IEnumerable<DiagnosticInfo> DuplicateNames(EquatableArray<NetworkRegistration> registrations)
    {
        var ordered = registrations
            .OrderBy(registration => registration.Location.FilePath, StringComparer.Ordinal)
            .ThenBy(registration => registration.Location.Span.Start)
            .ToList();
        foreach (NetworkRegistration registration in ordered)
        {
            NetworkRegistration? other = ordered.FirstOrDefault(candidate =>
                !ReferenceEquals(candidate, registration) && NetworkName.Comparer.Equals(candidate.Name, registration.Name));
            if (other is not null)
            {
                yield return new DiagnosticInfo(DiagnosticDescriptors.DuplicateNetworkName, registration.Location,
                    new EquatableArray<string>(new[] { registration.ClassName, registration.Name, other.ClassName }));
            }
        }
    }
}
