using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClcNet.Data;

namespace ClcNet.Training.Checkpoints;

/// <summary>The JSON settings of checkpoint metadata and <c>latest</c>: camelCase, indented, strict.</summary>
internal static class CheckpointJson
{
    private const string DepthPrefix = "depth";

    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { StoreSpecAsSaved } },
    };

    /// <summary>Parses <paramref name="json"/>; a malformed document becomes a <see cref="CheckpointException"/>.</summary>
    public static T Parse<T>(string json, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new CheckpointException($"{path}: its metadata is empty; use a file written by clcgen train");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path}: its metadata is not valid ({PrintableText.OneLine(e.Message)}); use a file written by clcgen train", e);
        }
    }

    public static string Format<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>
    /// A <see cref="ClcNetSpec"/> is stored as its settable properties, every one required, with the depths named as
    /// the paper names them (<c>"a"</c> for <see cref="ClcNetSpec.DepthA"/>): the format checkpoints have always had.
    /// </summary>
    private static void StoreSpecAsSaved(JsonTypeInfo type)
    {
        if (type.Type != typeof(ClcNetSpec))
        {
            return;
        }
        // Computed properties (ExtraBlocks) have no setter and are not part of the stored spec.
        foreach (JsonPropertyInfo computed in type.Properties.Where(property => property.Set is null).ToList())
        {
            type.Properties.Remove(computed);
        }
        foreach (JsonPropertyInfo property in type.Properties)
        {
            if (property.Name.StartsWith(DepthPrefix, StringComparison.Ordinal))
            {
                property.Name = property.Name[DepthPrefix.Length..].ToLowerInvariant();
            }
            property.IsRequired = true;
        }
    }
}
