using Microsoft.Bot.Builder;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatAnalyst.Bot.State;

/// <summary>
/// How stored bot state becomes JSON and back, shared by the SQLite and PostgreSQL storages so both keep the same
/// documents. Like the SDK's own storages it records .NET type names (<c>$type</c>), so an item read back is the type
/// that was written and <see cref="IStoreItem"/> ETags work; unlike a bare <c>TypeNameHandling.All</c>, only our own,
/// the Bot Framework's and plain collection types may be named (<see cref="StateTypesBinder"/>).
/// </summary>
internal static class StateJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.All,

        // jsonb keeps keys in its own order, so "$type" is not always first; read ahead for it.
        MetadataPropertyHandling = MetadataPropertyHandling.ReadAhead,

        // A message that happens to look like a date must come back as the same text.
        DateParseHandling = DateParseHandling.None,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        SerializationBinder = new StateTypesBinder(),
    });

    /// <summary>A fresh ETag; every write gets one, so any earlier copy of the item becomes stale.</summary>
    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>The ETag a write must match, or null when it overwrites (not a store item, no ETag, or <c>*</c>).</summary>
    public static string? ExpectedETag(object value) =>
        value is IStoreItem { ETag: { Length: > 0 } etag } && etag != "*" ? etag : null;

    /// <summary>
    /// The document to store. The ETag lives in its own column, not in the document. NUL characters become U+FFFD:
    /// PostgreSQL's jsonb refuses <c>\u0000</c>, and both back-ends must keep the same text.
    /// </summary>
    public static string Serialize(object value)
    {
        // Most items are written straight to text. A JSON token tree is built only when something must be edited: a
        // store item's ETag to drop, or a NUL (which JSON text can only hold escaped, so the escape shows in the text).
        if (value is not IStoreItem)
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            Serializer.Serialize(writer, value);
            var text = writer.ToString();
            if (!text.Contains("\\u0000", StringComparison.Ordinal))
            {
                return text;
            }
        }

        var token = JToken.FromObject(value, Serializer);
        if (value is IStoreItem && token is JObject item)
        {
            item.Remove(nameof(IStoreItem.ETag));
        }

        ReplaceNul(token);
        return token.ToString(Formatting.None);
    }

    /// <summary>The stored item, carrying <paramref name="etag"/> when it is a store item.</summary>
    public static object Deserialize(string document, string etag)
    {
        using var reader = new JsonTextReader(new StringReader(document));
        var value = Serializer.Deserialize(reader) ?? throw new JsonSerializationException("A stored bot state document is null.");
        if (value is IStoreItem item)
        {
            item.ETag = etag;
        }

        return value;
    }

    /// <summary>The error a write with a stale ETag fails with (the same type <see cref="MemoryStorage"/> throws).</summary>
    public static ArgumentException Conflict(string key, string expected) =>
        new($"ETag conflict on '{key}': the item was written by someone else since ETag {expected} was read. Read it again and retry.");

    private static void ReplaceNul(JToken token)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.String, Value: string text } value when text.Contains('\0', StringComparison.Ordinal):
                value.Value = text.Replace('\0', '\uFFFD');
                break;
            case JObject item:
                foreach (var property in item.Properties().Where(p => p.Name.Contains('\0', StringComparison.Ordinal)).ToList())
                {
                    property.Replace(new JProperty(property.Name.Replace('\0', '\uFFFD'), property.Value));
                }

                foreach (var child in item.PropertyValues())
                {
                    ReplaceNul(child);
                }

                break;
            case JArray array:
                foreach (var child in array)
                {
                    ReplaceNul(child);
                }

                break;
        }
    }
}
