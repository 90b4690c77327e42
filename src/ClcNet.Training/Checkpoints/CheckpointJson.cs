using System.Text.Json;
using ClcNet.Data;

namespace ClcNet.Training.Checkpoints;

/// <summary>The JSON settings of checkpoint metadata and <c>latest</c>: camelCase, indented, strict.</summary>
internal static class CheckpointJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
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
}
