using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gorgias.Sandbox.Json;

namespace Gorgias.Sandbox.Webhooks;

/// <summary>
/// The subset of Jinja that HTTP integrations use in their URL, headers and form (documented in docs/sandbox/webhooks.md):
/// <c>{{ path | filter(args) | ... }}</c> where a path is a root variable (<c>ticket</c>, <c>message</c>, <c>context</c>)
/// followed by <c>.name</c>, <c>[index]</c> (negative counts from the end) or <c>["key"]</c>; filters <c>tojson</c>,
/// <c>default</c>/<c>d</c>, <c>upper</c>, <c>lower</c>, <c>trim</c>, <c>length</c>, <c>first</c>, <c>last</c>,
/// <c>string</c>, <c>datetime_format</c>; <c>{# comments #}</c> and <c>{{-</c>/<c>-}}</c> whitespace control.
/// Statements (<c>{% ... %}</c>) are refused. A missing path is undefined and renders as an empty string.
/// </summary>
internal static class TemplateRenderer
{
    /// <summary>Writes JSON the way a webhook receiver expects to read it: compact, HTML characters unescaped.</summary>
    internal static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly HashSet<string> KnownFilters = new(StringComparer.Ordinal)
    {
        "tojson", "default", "d", "upper", "lower", "trim", "length", "count", "first", "last", "string", "datetime_format",
    };

    /// <summary>Names of the filter parameters, for keyword arguments (<c>default("x", boolean=true)</c>).</summary>
    private static readonly Dictionary<string, string[]> ParameterNames = new(StringComparer.Ordinal)
    {
        ["default"] = ["default_value", "boolean"],
        ["d"] = ["default_value", "boolean"],
        ["datetime_format"] = ["format"],
    };

    /// <summary>Parses a template, or returns the error message (for a 400 when the integration is saved).</summary>
    public static Template? Parse(string text, out string? error)
    {
        var segments = new List<Segment>();
        var literal = new StringBuilder();
        var i = 0;
        var trimNextLiteral = false;
        while (i < text.Length)
        {
            var open = IndexOfOpening(text, i);
            if (open < 0)
            {
                AppendLiteral(literal, text.AsSpan(i), trimNextLiteral);
                break;
            }

            AppendLiteral(literal, text.AsSpan(i, open - i), trimNextLiteral);
            trimNextLiteral = false;
            var kind = text[open + 1];
            var position = open + 2;
            var trimBefore = position < text.Length && text[position] == '-';
            if (trimBefore)
            {
                position++;
                TrimEnd(literal);
            }

            if (kind == '%')
            {
                error = $"Template statements ('{{% ... %}}', at character {open + 1}) are not supported by the sandbox; use {{{{ ... }}}} expressions with filters.";
                return null;
            }

            if (kind == '#')
            {
                var close = text.IndexOf("#}", position, StringComparison.Ordinal);
                if (close < 0)
                {
                    error = $"Unclosed comment '{{#' at character {open + 1}.";
                    return null;
                }

                trimNextLiteral = close > position && text[close - 1] == '-';
                i = close + 2;
                continue;
            }

            var parser = new ExpressionParser(text, position);
            var expression = parser.ParseExpression(out error);
            if (expression is null)
            {
                error = $"Invalid expression at character {open + 1}: {error}";
                return null;
            }

            parser.SkipWhitespace();
            if (parser.Peek("-}}"))
            {
                trimNextLiteral = true;
                parser.Position += 3;
            }
            else if (parser.Peek("}}"))
            {
                parser.Position += 2;
            }
            else
            {
                error = $"Expected '}}}}' at character {parser.Position + 1} to close the expression opened at character {open + 1}.";
                return null;
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), null));
                literal.Clear();
            }

            segments.Add(new Segment(null, expression));
            i = parser.Position;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), null));
        }

        error = null;
        return new Template(segments);
    }

    /// <summary>Checks a template; null when it parses.</summary>
    public static string? Validate(string text)
    {
        Parse(text, out var error);
        return error;
    }

    /// <summary>The template with every expression replaced by <paramref name="placeholder"/> (to check the shape of a URL template).</summary>
    public static string Probe(string template, string placeholder) =>
        Parse(template, out _) is { } parsed
            ? string.Concat(parsed.Segments.Select(s => s.Literal ?? placeholder))
            : template;

    private static int IndexOfOpening(string text, int from)
    {
        for (var i = from; i < text.Length - 1; i++)
        {
            if (text[i] == '{' && text[i + 1] is '{' or '%' or '#')
            {
                return i;
            }
        }

        return -1;
    }

    private static void AppendLiteral(StringBuilder literal, ReadOnlySpan<char> text, bool trimStart)
    {
        literal.Append(trimStart ? text.TrimStart() : text);
    }

    private static void TrimEnd(StringBuilder builder)
    {
        var end = builder.Length;
        while (end > 0 && char.IsWhiteSpace(builder[end - 1]))
        {
            end--;
        }

        builder.Length = end;
    }

    /// <summary>Renders as text: strings as they are, numbers and booleans as JSON, objects and arrays as JSON, null and undefined as empty.</summary>
    public static string RenderText(string template, TemplateContext context) =>
        Parse(template, out _) is { } parsed ? parsed.Render(context, TextMode.Text) : template;

    /// <summary>Renders a whole JSON body template: string values are JSON-escaped (no quotes added), null is <c>null</c>, objects are JSON.</summary>
    public static string RenderJsonText(string template, TemplateContext context) =>
        Parse(template, out _) is { } parsed ? parsed.Render(context, TextMode.JsonText) : template;

    /// <summary>Renders a URL: every value is percent-encoded as a URL component.</summary>
    public static string RenderUrl(string template, TemplateContext context) =>
        Parse(template, out _) is { } parsed ? parsed.Render(context, TextMode.Url) : template;

    /// <summary>
    /// Renders a form object for a JSON body: a string that is exactly one <c>{{ expression }}</c> becomes the JSON
    /// value itself (undefined → null); any other string is rendered as text; other values are kept; objects and
    /// arrays are walked.
    /// </summary>
    public static JsonNode? RenderJsonValue(JsonNode? node, TemplateContext context)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    result[name] = RenderJsonValue(value, context);
                }

                return result;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    items.Add(RenderJsonValue(item, context));
                }

                return items;
            default:
                if (node.GetValueKind() != JsonValueKind.String)
                {
                    return node.DeepClone();
                }

                var text = node.GetValue<string>();
                if (Parse(text, out _) is not { } parsed)
                {
                    return JsonValue.Create(text);
                }

                if (parsed.Segments is [{ Expression: { } single }])
                {
                    var value = single.Evaluate(context);
                    return value.Defined ? value.Node?.DeepClone() : null;
                }

                return JsonValue.Create(parsed.Render(context, TextMode.Text));
        }
    }

    /// <summary>Writes a node as compact JSON with relaxed escaping.</summary>
    public static string ToJson(JsonNode? node)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonOptions))
        {
            if (node is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                node.WriteTo(writer);
            }
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    internal enum TextMode
    {
        Text,
        JsonText,
        Url,
    }

    internal sealed record Segment(string? Literal, Expression? Expression);

    /// <summary>A parsed template: literal text and expressions.</summary>
    internal sealed class Template(List<Segment> segments)
    {
        public IReadOnlyList<Segment> Segments => segments;

        public string Render(TemplateContext context, TextMode mode)
        {
            var builder = new StringBuilder();
            foreach (var segment in segments)
            {
                if (segment.Literal is { } literal)
                {
                    builder.Append(literal);
                    continue;
                }

                var value = segment.Expression!.Evaluate(context);
                var text = mode switch
                {
                    TextMode.JsonText => value.ToJsonText(),
                    TextMode.Url => Uri.EscapeDataString(value.ToText()),
                    _ => value.ToText(),
                };
                builder.Append(text);
            }

            return builder.ToString();
        }
    }

    /// <summary>What an expression evaluates to: a JSON value, or undefined (a missing path); <see cref="RawJson"/> is tojson output.</summary>
    internal readonly record struct Value(JsonNode? Node, bool Defined, string? RawJson = null)
    {
        public static readonly Value Undefined = new(null, false);

        public static Value Of(JsonNode? node) => new(node, true);

        public static Value Of(string text) => new(JsonValue.Create(text), true);

        public bool IsString => Node is JsonValue v && v.GetValueKind() == JsonValueKind.String;

        public string ToText()
        {
            if (RawJson is not null)
            {
                return RawJson;
            }

            if (!Defined || Node is null)
            {
                return "";
            }

            return IsString ? Node.GetValue<string>() : TemplateRenderer.ToJson(Node);
        }

        public string ToJsonText()
        {
            if (RawJson is not null)
            {
                return RawJson;
            }

            if (!Defined)
            {
                return "";
            }

            if (IsString)
            {
                var quoted = TemplateRenderer.ToJson(Node);
                return quoted[1..^1];
            }

            return TemplateRenderer.ToJson(Node);
        }

        /// <summary>Jinja truthiness: undefined, null, false, 0, "" and empty collections are false.</summary>
        public bool Truthy => Defined && Node switch
        {
            null => false,
            JsonObject o => o.Count > 0,
            JsonArray a => a.Count > 0,
            JsonValue v => v.GetValueKind() switch
            {
                JsonValueKind.False => false,
                JsonValueKind.String => v.GetValue<string>().Length > 0,
                JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) != 0,
                _ => true,
            },
            _ => true,
        };
    }

    internal abstract class Expression
    {
        public abstract Value Evaluate(TemplateContext context);
    }

    private sealed class LiteralExpression(JsonNode? value) : Expression
    {
        public override Value Evaluate(TemplateContext context) => Value.Of(value?.DeepClone());
    }

    private abstract record PathStep;

    private sealed record NameStep(string Name) : PathStep;

    private sealed record IndexStep(long Index) : PathStep;

    private sealed class PathExpression(string root, List<PathStep> steps) : Expression
    {
        public override Value Evaluate(TemplateContext context)
        {
            if (!context.TryGetRoot(root, out var current))
            {
                return Value.Undefined;
            }

            foreach (var step in steps)
            {
                switch (step, current)
                {
                    case (NameStep name, JsonObject obj) when obj.TryGetPropertyValue(name.Name, out var child):
                        current = child;
                        break;
                    case (NameStep name, JsonArray array) when long.TryParse(name.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                        if (!TryIndex(array, index, out current))
                        {
                            return Value.Undefined;
                        }

                        break;
                    case (IndexStep index, JsonArray array):
                        if (!TryIndex(array, index.Index, out current))
                        {
                            return Value.Undefined;
                        }

                        break;
                    case (IndexStep index, JsonObject obj) when obj.TryGetPropertyValue(index.Index.ToString(CultureInfo.InvariantCulture), out var child):
                        current = child;
                        break;
                    default:
                        return Value.Undefined;
                }
            }

            return Value.Of(current);
        }

        private static bool TryIndex(JsonArray array, long index, out JsonNode? item)
        {
            var i = index < 0 ? array.Count + index : index;
            if (i >= 0 && i < array.Count)
            {
                item = array[(int)i];
                return true;
            }

            item = null;
            return false;
        }
    }

    private sealed class FilterExpression(Expression input, string name, List<JsonNode?> args) : Expression
    {
        public override Value Evaluate(TemplateContext context)
        {
            var value = input.Evaluate(context);
            switch (name)
            {
                case "tojson":
                    return value with { RawJson = TemplateRenderer.ToJson(value.Defined ? value.Node : null) };
                case "default" or "d":
                    var fallback = args.Count > 0 ? args[0]?.DeepClone() : JsonValue.Create("");
                    var boolean = args.Count > 1 && args[1] is JsonValue b && b.GetValueKind() == JsonValueKind.True;
                    return !value.Defined || (boolean && !value.Truthy) ? Value.Of(fallback) : value;
                case "upper":
                    return value.Defined ? Value.Of(value.ToText().ToUpperInvariant()) : value;
                case "lower":
                    return value.Defined ? Value.Of(value.ToText().ToLowerInvariant()) : value;
                case "trim":
                    return value.Defined ? Value.Of(value.ToText().Trim()) : value;
                case "string":
                    return Value.Of(value.ToText());
                case "length" or "count":
                    return Value.Of(JsonValue.Create(value.Node switch
                    {
                        JsonArray a => a.Count,
                        JsonObject o => o.Count,
                        _ => value.ToText().Length,
                    }));
                case "first" or "last":
                    if (value.Node is JsonArray list)
                    {
                        return list.Count == 0 ? Value.Undefined : Value.Of(name == "first" ? list[0] : list[^1]);
                    }

                    var s = value.IsString ? value.ToText() : "";
                    return s.Length == 0 ? Value.Undefined : Value.Of(name == "first" ? s[..1] : s[^1..]);
                case "datetime_format":
                    if (!value.Defined || value.Node is null || !GorgiasJson.TryParseDate(value.ToText(), out var date))
                    {
                        return value;
                    }

                    var format = args.Count > 0 && args[0] is JsonValue f && f.GetValueKind() == JsonValueKind.String
                        ? f.GetValue<string>()
                        : "%Y-%m-%d %H:%M:%S";
                    return Value.Of(Strftime.Format(date, format));
                default:
                    return value;
            }
        }
    }

    /// <summary>A recursive-descent parser for one <c>{{ ... }}</c> expression.</summary>
    private sealed class ExpressionParser(string text, int position)
    {
        public int Position { get; set; } = position;

        public bool Peek(string token) => string.CompareOrdinal(text, Position, token, 0, token.Length) == 0;

        public void SkipWhitespace()
        {
            while (Position < text.Length && char.IsWhiteSpace(text[Position]))
            {
                Position++;
            }
        }

        public Expression? ParseExpression(out string? error)
        {
            SkipWhitespace();
            var expression = ParsePrimary(out error);
            if (expression is null)
            {
                return null;
            }

            while (true)
            {
                SkipWhitespace();
                if (Position >= text.Length || text[Position] != '|')
                {
                    return expression;
                }

                Position++;
                SkipWhitespace();
                var name = ReadIdentifier();
                if (name is null)
                {
                    error = "expected a filter name after '|'.";
                    return null;
                }

                if (!KnownFilters.Contains(name))
                {
                    error = $"unknown filter '{name}' (supported: {string.Join(", ", KnownFilters.Order(StringComparer.Ordinal))}).";
                    return null;
                }

                var args = new List<JsonNode?>();
                SkipWhitespace();
                if (Position < text.Length && text[Position] == '(')
                {
                    Position++;
                    SkipWhitespace();
                    while (Position < text.Length && text[Position] != ')')
                    {
                        var index = args.Count;
                        if (TryReadKeyword(out var keyword))
                        {
                            index = Array.IndexOf(ParameterNames.GetValueOrDefault(name, []), keyword);
                            if (index < 0)
                            {
                                error = $"the filter '{name}' has no parameter '{keyword}'.";
                                return null;
                            }
                        }

                        if (!TryReadLiteral(out var arg, out error))
                        {
                            return null;
                        }

                        while (args.Count <= index)
                        {
                            args.Add(null);
                        }

                        args[index] = arg;
                        SkipWhitespace();
                        if (Position < text.Length && text[Position] == ',')
                        {
                            Position++;
                            SkipWhitespace();
                        }
                        else if (Position >= text.Length || text[Position] != ')')
                        {
                            error = "expected ',' or ')' in the filter arguments.";
                            return null;
                        }
                    }

                    if (Position >= text.Length)
                    {
                        error = "unclosed '(' in the filter arguments.";
                        return null;
                    }

                    Position++;
                }

                expression = new FilterExpression(expression, name, args);
            }
        }

        /// <summary>Reads <c>name=</c> of a keyword argument, or leaves the position alone.</summary>
        private bool TryReadKeyword(out string? keyword)
        {
            var start = Position;
            keyword = ReadIdentifier();
            if (keyword is not null)
            {
                SkipWhitespace();
                if (Position < text.Length && text[Position] == '=' && (Position + 1 >= text.Length || text[Position + 1] != '='))
                {
                    Position++;
                    SkipWhitespace();
                    return true;
                }
            }

            Position = start;
            keyword = null;
            return false;
        }

        private Expression? ParsePrimary(out string? error)
        {
            error = null;
            if (Position < text.Length && (text[Position] is '"' or '\'' || char.IsAsciiDigit(text[Position]) || text[Position] == '-'))
            {
                return TryReadLiteral(out var literal, out error) ? new LiteralExpression(literal) : null;
            }

            var root = ReadIdentifier();
            if (root is null)
            {
                error = "expected a variable such as ticket, message or context.";
                return null;
            }

            switch (root)
            {
                case "true" or "True":
                    return new LiteralExpression(JsonValue.Create(true));
                case "false" or "False":
                    return new LiteralExpression(JsonValue.Create(false));
                case "none" or "None" or "null":
                    return new LiteralExpression(null);
            }

            var steps = new List<PathStep>();
            while (Position < text.Length)
            {
                if (text[Position] == '.')
                {
                    Position++;
                    var start = Position;
                    while (Position < text.Length && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] == '_'))
                    {
                        Position++;
                    }

                    if (Position == start)
                    {
                        error = "expected a field name after '.'.";
                        return null;
                    }

                    steps.Add(new NameStep(text[start..Position]));
                }
                else if (text[Position] == '[')
                {
                    Position++;
                    SkipWhitespace();
                    if (!TryReadLiteral(out var key, out error))
                    {
                        return null;
                    }

                    SkipWhitespace();
                    if (Position >= text.Length || text[Position] != ']')
                    {
                        error = "expected ']'.";
                        return null;
                    }

                    Position++;
                    switch (key)
                    {
                        case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                            steps.Add(new NameStep(v.GetValue<string>()));
                            break;
                        case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long index):
                            steps.Add(new IndexStep(index));
                            break;
                        default:
                            error = "an index must be an integer or a quoted key.";
                            return null;
                    }
                }
                else
                {
                    break;
                }
            }

            return new PathExpression(root, steps);
        }

        private string? ReadIdentifier()
        {
            var start = Position;
            if (Position < text.Length && (char.IsAsciiLetter(text[Position]) || text[Position] == '_'))
            {
                Position++;
                while (Position < text.Length && (char.IsAsciiLetterOrDigit(text[Position]) || text[Position] == '_'))
                {
                    Position++;
                }
            }

            return Position == start ? null : text[start..Position];
        }

        private bool TryReadLiteral(out JsonNode? value, out string? error)
        {
            value = null;
            error = null;
            if (Position >= text.Length)
            {
                error = "unexpected end of the template.";
                return false;
            }

            var c = text[Position];
            if (c is '"' or '\'')
            {
                var builder = new StringBuilder();
                Position++;
                while (Position < text.Length && text[Position] != c)
                {
                    if (text[Position] == '\\' && Position + 1 < text.Length)
                    {
                        Position++;
                        builder.Append(text[Position] switch
                        {
                            'n' => '\n',
                            't' => '\t',
                            var other => other,
                        });
                    }
                    else
                    {
                        builder.Append(text[Position]);
                    }

                    Position++;
                }

                if (Position >= text.Length)
                {
                    error = "unclosed string literal.";
                    return false;
                }

                Position++;
                value = JsonValue.Create(builder.ToString());
                return true;
            }

            if (char.IsAsciiDigit(c) || c == '-')
            {
                var start = Position;
                Position++;
                while (Position < text.Length && (char.IsAsciiDigit(text[Position]) || text[Position] == '.'))
                {
                    Position++;
                }

                var number = text[start..Position];
                if (long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
                {
                    value = JsonValue.Create(integer);
                    return true;
                }

                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                {
                    value = JsonValue.Create(real);
                    return true;
                }

                error = $"'{number}' is not a number.";
                return false;
            }

            var word = ReadIdentifier();
            switch (word)
            {
                case "true" or "True":
                    value = JsonValue.Create(true);
                    return true;
                case "false" or "False":
                    value = JsonValue.Create(false);
                    return true;
                case "none" or "None" or "null":
                    return true;
                default:
                    error = "expected a string, a number, true, false or none.";
                    return false;
            }
        }
    }
}

/// <summary>The variables a template sees: <c>ticket</c>, <c>message</c> (message triggers) and <c>context</c> (both together).</summary>
internal sealed class TemplateContext(JsonObject context)
{
    public JsonObject Context { get; } = context;

    public bool TryGetRoot(string name, out JsonNode? node)
    {
        if (name == "context")
        {
            node = Context;
            return true;
        }

        return Context.TryGetPropertyValue(name, out node);
    }

    public static TemplateContext Parse(ReadOnlySpan<byte> contextJson) =>
        new(JsonNode.Parse(contextJson) as JsonObject ?? []);
}

/// <summary>The strftime directives <c>datetime_format</c> understands (Python's, for UTC datetimes).</summary>
internal static class Strftime
{
    public static string Format(DateTimeOffset value, string format)
    {
        var utc = value.UtcDateTime;
        var builder = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                builder.Append(format[i]);
                continue;
            }

            var directive = format[++i];
            var noPad = false;
            if (directive == '-' && i + 1 < format.Length)
            {
                noPad = true;
                directive = format[++i];
            }

            string Pad(int number, int width) =>
                noPad ? number.ToString(CultureInfo.InvariantCulture) : number.ToString(new string('0', width), CultureInfo.InvariantCulture);

            builder.Append(directive switch
            {
                'Y' => utc.Year.ToString("0000", CultureInfo.InvariantCulture),
                'y' => Pad(utc.Year % 100, 2),
                'm' => Pad(utc.Month, 2),
                'd' => Pad(utc.Day, 2),
                'e' => utc.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2),
                'H' => Pad(utc.Hour, 2),
                'I' => Pad(utc.Hour % 12 == 0 ? 12 : utc.Hour % 12, 2),
                'M' => Pad(utc.Minute, 2),
                'S' => Pad(utc.Second, 2),
                'f' => (utc.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture),
                'p' => utc.Hour < 12 ? "AM" : "PM",
                'a' => utc.ToString("ddd", CultureInfo.InvariantCulture),
                'A' => utc.ToString("dddd", CultureInfo.InvariantCulture),
                'b' or 'h' => utc.ToString("MMM", CultureInfo.InvariantCulture),
                'B' => utc.ToString("MMMM", CultureInfo.InvariantCulture),
                'j' => Pad(utc.DayOfYear, 3),
                'z' => "+0000",
                'Z' => "UTC",
                's' => value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                'F' => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                'T' => utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                '%' => "%",
                _ => "%" + (noPad ? "-" : "") + directive,
            });
        }

        return builder.ToString();
    }
}
