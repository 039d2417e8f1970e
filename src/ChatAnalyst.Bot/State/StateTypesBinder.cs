using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ChatAnalyst.Bot.State;

/// <summary>
/// Limits the <c>$type</c> names stored bot state may carry to ChatAnalyst's, the Bot Framework's and Json.NET's types
/// and plain system values and collections, so a tampered row cannot make the bot instantiate an arbitrary type.
/// </summary>
internal sealed class StateTypesBinder : ISerializationBinder
{
    private static readonly string[] AllowedAssemblyPrefixes = ["ChatAnalyst.", "Microsoft.Bot.", "Newtonsoft.Json"];

    private readonly DefaultSerializationBinder _inner = new();

    public Type BindToType(string? assemblyName, string typeName)
    {
        var type = _inner.BindToType(assemblyName, typeName);
        return IsAllowed(type)
            ? type
            : throw new JsonSerializationException($"Stored bot state names the type '{type.FullName}', which may not be stored.");
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        _inner.BindToName(serializedType, out assemblyName, out typeName);

    private static bool IsAllowed(Type type)
    {
        if (type.HasElementType)
        {
            return IsAllowed(type.GetElementType()!);
        }

        if (type.IsConstructedGenericType)
        {
            return IsAllowed(type.GetGenericTypeDefinition()) && type.GenericTypeArguments.All(IsAllowed);
        }

        if (type.Assembly == typeof(object).Assembly)
        {
            return type.Namespace is "System" or "System.Collections.Generic" && !typeof(Delegate).IsAssignableFrom(type)
                && !typeof(MemberInfo).IsAssignableFrom(type);
        }

        var name = type.Assembly.GetName().Name ?? string.Empty;
        return AllowedAssemblyPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));
    }
}
