using ClcNet.Data.Transforms;

namespace ClcNet.Data.Decoding;

/// <summary>
/// Reads the Netpbm colour and gray formats (PPM P6/P3, PGM P5/P2), which SkiaSharp does not decode:
/// whitespace-separated ASCII header with <c>#</c> comments, then binary (one or two big-endian bytes per
/// sample) or ASCII samples scaled by the header's maximum value.
/// </summary>
internal static class NetpbmDecoder
{
    /// <summary>Whether <paramref name="bytes"/> start with a supported Netpbm magic number.</summary>
    public static bool Recognises(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && bytes[0] == (byte)'P' && bytes[1] is (byte)'2' or (byte)'3' or (byte)'5' or (byte)'6';

    /// <summary>Decodes to RGB, replicating gray.</summary>
    /// <exception cref="ImageLoadException">The header or sample data is malformed or truncated.</exception>
    public static FloatImage Decode(string path, byte[] bytes)
    {
        var format = (char)bytes[1];
        var color = format is '3' or '6';
        var binary = format is '5' or '6';
        var reader = new HeaderReader(path, bytes, position: 2);
        var width = reader.ReadPositive("width");
        var height = reader.ReadPositive("height");
        var maxValue = reader.ReadPositive("maximum value");
        if (maxValue > ushort.MaxValue)
        {
            throw new ImageLoadException(path, $"PPM maximum value {maxValue} exceeds 65535");
        }

        ImageDecoder.RequireWithinPixelLimit(path, width, height);

        var channels = color ? 3 : 1;
        var samples = (long)width * height * channels;
        // Checked before the samples are allocated: a header alone must not cost gigabytes.
        var start = binary ? reader.Position + 1 : reader.Position; // one whitespace byte ends a binary header
        var bytesPerSample = maxValue < 256 ? 1 : 2;
        if (binary && bytes.Length - start < samples * bytesPerSample)
        {
            throw new ImageLoadException(path, $"PPM data is truncated: {samples * bytesPerSample} bytes expected, {Math.Max(0, bytes.Length - start)} found");
        }

        if (!binary && bytes.Length - start < 2 * samples - 1)
        {
            throw new ImageLoadException(path, $"PPM file ends before its samples: {samples} expected, {bytes.Length - start} bytes left");
        }

        var values = new float[samples];
        if (binary)
        {
            for (var i = 0; i < samples; i++)
            {
                var sample = bytesPerSample == 1
                    ? bytes[start + i]
                    : (bytes[start + 2 * i] << 8) | bytes[start + 2 * i + 1];
                values[i] = Math.Min(sample, maxValue) / (float)maxValue;
            }
        }
        else
        {
            for (var i = 0; i < samples; i++)
            {
                values[i] = Math.Min(reader.ReadNumber("sample"), maxValue) / (float)maxValue;
            }
        }

        var image = new FloatImage(3, height, width);
        var plane = width * height;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                image.Data[c * plane + i] = values[i * channels + (color ? c : 0)];
            }
        }

        return image;
    }

    /// <summary>Reads the whitespace-separated decimal fields of the header and of ASCII data.</summary>
    private sealed class HeaderReader(string path, byte[] bytes, int position)
    {
        public int Position { get; private set; } = position;

        public int ReadPositive(string field)
        {
            var value = ReadNumber(field);
            return value > 0 ? value : throw new ImageLoadException(path, $"PPM {field} must be positive, not {value}");
        }

        public int ReadNumber(string field)
        {
            SkipWhitespaceAndComments();
            var start = Position;
            long value = 0;
            while (Position < bytes.Length && char.IsAsciiDigit((char)bytes[Position]) && value <= int.MaxValue)
            {
                value = value * 10 + (bytes[Position++] - '0');
            }

            if (Position == start)
            {
                throw new ImageLoadException(path, Position >= bytes.Length
                    ? $"PPM file ends before its {field}"
                    : $"PPM {field} is not a number (found {Describe(bytes[Position])})");
            }

            if (value > int.MaxValue)
            {
                throw new ImageLoadException(path, $"PPM {field} is too large");
            }

            return (int)value;
        }

        private static string Describe(byte value) =>
            value is >= 0x20 and < 0x7F ? $"'{(char)value}'" : $"byte 0x{value:X2}";

        private void SkipWhitespaceAndComments()
        {
            while (Position < bytes.Length)
            {
                if (bytes[Position] == '#')
                {
                    while (Position < bytes.Length && bytes[Position] != '\n')
                    {
                        Position++;
                    }
                }
                else if (char.IsWhiteSpace((char)bytes[Position]))
                {
                    Position++;
                }
                else
                {
                    return;
                }
            }
        }
    }
}
