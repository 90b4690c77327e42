using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ClcNet.Cli.Options;

/// <summary>
/// Parsing and range rules for numeric options, and the rule for options that take one of a few names. A value that
/// is not a number, or breaks a rule, is a parse error that names the option as the user typed it
/// (<c>-batchSize abc: not a whole number</c>).
/// </summary>
internal static class OptionRules
{
    /// <summary>
    /// Parses the value in the invariant culture (whole numbers for integer types). Infinity and NaN are refused:
    /// no setting means them, and an infinite learning rate would only surface as a NaN loss mid-run.
    /// </summary>
    public static Option<T?> Numeric<T>(this Option<T?> option) where T : struct, INumber<T>
    {
        bool whole = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        NumberStyles styles = whole ? NumberStyles.Integer : NumberStyles.Float;
        option.CustomParser = result =>
        {
            string token = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (T.TryParse(token, styles, CultureInfo.InvariantCulture, out T value) && T.IsFinite(value))
            {
                return value;
            }
            result.AddError($"{Typed(result)} {token}: not a {(whole ? "whole number" : "finite number")}");
            return null;
        };
        return option;
    }

    /// <summary>A number of at least <paramref name="minimum"/>.</summary>
    public static Option<T?> AtLeast<T>(this Option<T?> option, T minimum) where T : struct, INumber<T> =>
        option.Numeric().Require(value => value >= minimum, $"must be at least {Format(minimum)}");

    /// <summary>A number greater than <paramref name="minimum"/>.</summary>
    public static Option<T?> Above<T>(this Option<T?> option, T minimum) where T : struct, INumber<T> =>
        option.Numeric().Require(value => value > minimum, $"must be greater than {Format(minimum)}");

    /// <summary>A value that keeps <paramref name="rule"/>, explained by <paramref name="expectation"/> when it does not.</summary>
    public static Option<T?> Require<T>(this Option<T?> option, Func<T, bool> rule, string expectation) where T : struct
    {
        option.Validators.Add(result =>
        {
            if (Converted<T>(result) is { } value && !rule(value))
            {
                result.AddError($"{Typed(result)} {Format(value)}: {expectation}");
            }
        });
        return option;
    }

    /// <summary>One of <paramref name="names"/>; any other value is refused with <paramref name="hint"/>.</summary>
    public static Option<string?> OneOf(this Option<string?> option, IEnumerable<string> names, string hint)
    {
        option.Validators.Add(result =>
        {
            string? name = result.GetValueOrDefault<string?>();
            if (name is not null && !names.Contains(name))
            {
                result.AddError($"{Typed(result)} {name}: {hint}");
            }
        });
        return option;
    }

    /// <summary>The option's value, or null when it is not a number (the parser reports that itself).</summary>
    private static T? Converted<T>(OptionResult result) where T : struct
    {
        try
        {
            return result.GetValueOrDefault<T?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The option's name as typed on the command line (e.g. <c>-batchSize</c> or <c>--batch-size</c>).</summary>
    private static string Typed(OptionResult result) => result.IdentifierToken?.Value ?? result.Option.Name;

    private static string Typed(ArgumentResult result) =>
        result.Parent is OptionResult option ? Typed(option) : result.Argument.Name;

    private static string Format<T>(T value) => value is IFormattable formattable
        ? formattable.ToString(null, CultureInfo.InvariantCulture)
        : value?.ToString() ?? "";
}
