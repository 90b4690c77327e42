using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClcNet.Training.Checkpoints;

namespace ClcNet.Cli.Options;

/// <summary>
/// Config files of <c>clcgen train</c>: one JSON object of train options by their long names without dashes
/// (<c>{"epochs": 30, "batch-size": 128, "ten-crop": true}</c>; <c>null</c> means not given). <c>--config FILE</c>
/// reads one as if its options came before the command line, so options on the command line win. Every run writes
/// its fully resolved options, and the command line that started it, to <c>config.json</c> in its save folder, so
/// <c>clcgen train --config SAVE/config.json</c> repeats it (as timm's <c>args.yaml</c>).
/// </summary>
internal sealed class TrainConfigFile
{
    /// <summary>Name of the file every run writes to its save folder.</summary>
    public const string FileName = "config.json";

    /// <summary>The key of the command line a run was started with; not an option, so reading skips it.</summary>
    public const string CommandLineKey = "command-line";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly IReadOnlyDictionary<string, Option[]> optionsByKey;

    /// <param name="options">
    /// The options a file may give. Each is keyed by its name without dashes; an option hidden from help counts only
    /// as the twin of a shown one with the same key (<c>-save</c> of <c>--save</c>), never on its own.
    /// </param>
    public TrainConfigFile(IEnumerable<Option> options) =>
        optionsByKey = options
            .GroupBy(KeyOf)
            .Where(twins => twins.Any(option => !option.Hidden))
            .ToDictionary(twins => twins.Key, twins => twins.OrderBy(option => option.Hidden).ToArray());

    /// <summary>The key of <paramref name="option"/>: its name without dashes (<c>batch-size</c>, <c>a</c>).</summary>
    public static string KeyOf(Option option) => option.Name.TrimStart('-');

    /// <summary>
    /// The options of the file at <paramref name="path"/> as command-line arguments, leaving out those that
    /// <paramref name="commandLine"/> gives itself.
    /// </summary>
    /// <exception cref="UsageException">
    /// The file is missing or unreadable, is not a JSON object, or has an unknown key or a value of the wrong type.
    /// </exception>
    public IReadOnlyList<string> Arguments(string path, ParseResult commandLine)
    {
        using JsonDocument document = Parse(path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"{path}: a config file is one JSON object of train options (e.g. {{\"epochs\": 30}}), not {Describe(document.RootElement.ValueKind)}");
        }
        var arguments = new List<string>();
        foreach (JsonProperty entry in document.RootElement.EnumerateObject())
        {
            if (entry.Name == CommandLineKey)
            {
                continue;
            }
            if (!optionsByKey.TryGetValue(entry.Name, out Option[]? twins))
            {
                throw new UsageException($"{path}: unknown key \"{entry.Name}\"; the keys are the long names of the train options, without dashes (see clcgen train --help)");
            }
            if (entry.Value.ValueKind == JsonValueKind.Null || twins.Any(option => commandLine.GetResult(option) is { Implicit: false }))
            {
                continue;
            }
            arguments.Add(twins[0].Name);
            arguments.Add(Argument(path, entry, twins[0]));
        }
        return arguments;
    }

    /// <summary>Writes <paramref name="settings"/> and <paramref name="commandLine"/> to <see cref="FileName"/> in <paramref name="saveDirectory"/>, atomically.</summary>
    public static void Write(string saveDirectory, IEnumerable<(Option Option, object? Value)> settings, IEnumerable<string> commandLine)
    {
        var file = new JsonObject { [CommandLineKey] = new JsonArray([.. commandLine.Select(argument => JsonValue.Create(argument))]) };
        foreach ((Option? option, object? value) in settings)
        {
            file[KeyOf(option)] = value switch
            {
                null => null,
                bool flag => JsonValue.Create(flag),
                int number => JsonValue.Create(number),
                double number => JsonValue.Create(number),
                string text => JsonValue.Create(text),
                _ => throw new ArgumentException($"{KeyOf(option)}: a {value.GetType().Name} has no place in a config file", nameof(settings)),
            };
        }
        AtomicFile.WriteAllText(Path.Combine(saveDirectory, FileName), file.ToJsonString(Indented) + "\n");
    }

    private static JsonDocument Parse(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{path}: no such config file; check the path");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the config file: {e.Message}");
        }
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{path} is not JSON ({e.Message}); a config file is one JSON object of train options, e.g. {{\"epochs\": 30}}");
        }
    }

    /// <summary>The value of <paramref name="entry"/> as the argument of <paramref name="option"/>, whose rules then check it.</summary>
    private static string Argument(string path, JsonProperty entry, Option option)
    {
        Type type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        JsonValueKind kind = entry.Value.ValueKind;
        return type == typeof(bool) && kind is JsonValueKind.True or JsonValueKind.False ? entry.Value.GetRawText()
            : (type == typeof(int) || type == typeof(double)) && kind == JsonValueKind.Number ? entry.Value.GetRawText()
            : type == typeof(string) && kind == JsonValueKind.String ? entry.Value.GetString()!
            : throw new UsageException($"{path}: \"{entry.Name}\" must be {Expected(type)}, not {Describe(kind)}");
    }

    private static string Expected(Type type) =>
        type == typeof(bool) ? "true or false" : type == typeof(string) ? "a string" : "a number";

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => kind.ToString().ToLowerInvariant(),
        _ => "null",
    };
}
