using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gorgias.Sandbox.Json;

/// <summary>The JSON conventions of the Gorgias API: microsecond UTC datetimes with <c>+00:00</c>, nulls written out.</summary>
internal static class GorgiasJson
{
    /// <summary>Gorgias writes <c>+</c>, quotes and non-ASCII text literally (e.g. <c>+00:00</c>, "Rücksendung"), so do we.</summary>
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public static void WriteDate(this Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, Format(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteStringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteNode(this Utf8JsonWriter writer, string name, JsonNode? node)
    {
        writer.WritePropertyName(name);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }

    /// <summary>Parses a Gorgias datetime (any ISO 8601 form; no offset means UTC), truncated to microseconds.</summary>
    public static bool TryParseDate(string? text, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            value = new DateTimeOffset(parsed.UtcTicks - (parsed.UtcTicks % 10), TimeSpan.Zero);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Writes with a writer into a fresh buffer and returns the UTF-8 bytes.</summary>
    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes into a pooled buffer; the caller disposes it once the bytes are sent.</summary>
    public static PooledBufferWriter BuildPooled(Action<Utf8JsonWriter> write)
    {
        var buffer = new PooledBufferWriter();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            write(writer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }

        return buffer;
    }

    public static JsonNode BuildNode(Action<Utf8JsonWriter> write) => JsonNode.Parse(Build(write))!;
}
