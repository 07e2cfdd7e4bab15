using System.Text.Json;
using System.Text.Json.Serialization;

namespace Saas.Gorgias;

/// <summary>The JSON conventions of the Gorgias API: snake_case names, unknown fields ignored, nulls not sent.</summary>
internal static class GorgiasJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
