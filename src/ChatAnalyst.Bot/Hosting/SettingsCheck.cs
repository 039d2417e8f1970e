using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using ChatAnalyst.Knowledge;
using ChatAnalyst.Orchestration;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Bot.Hosting;

/// <summary>
/// Checks the bot's settings before anything binds them, so that a wrong value ends the start with one line that
/// names the key, the value, what would be valid and how to fix it — rather than the binder's or the SDK's
/// exception (a .NET type name and a stack trace) or, for the SDK's settings, a 500 on the first request.
/// </summary>
public static class SettingsCheck
{
    /// <summary>The values the Bot Framework SDK accepts for <c>MicrosoftAppType</c> (empty means MultiTenant).</summary>
    public static readonly string[] AppTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

    /// <summary>Throws <see cref="OptionsValidationException"/> with one failure per bad setting.</summary>
    public static void Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var failures = new List<string>();
        foreach (var type in new[] { typeof(BotOptions), typeof(AiOptions), typeof(LimitsOptions), typeof(KnowledgeOptions) })
        {
            var section = (string)type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var key = $"{section}:{property.Name}";
                if (configuration[key] is { Length: > 0 } value && Problem(property, value) is { } valid)
                {
                    failures.Add(Failure(key, value, valid));
                }
            }
        }

        var appType = configuration["MicrosoftAppType"];
        if (!string.IsNullOrWhiteSpace(appType) && !AppTypes.Contains(appType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add(Failure("MicrosoftAppType", appType, "one of: " + string.Join(", ", AppTypes)));
        }
        else if (string.Equals(appType, "SingleTenant", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(configuration["MicrosoftAppTenantId"]))
        {
            failures.Add("MicrosoftAppTenantId is empty but MicrosoftAppType is SingleTenant; use the Entra tenant id (a GUID). "
                + "Fix: set MicrosoftAppTenantId through an environment variable or user-secrets, or use MicrosoftAppType=MultiTenant.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException("settings", typeof(SettingsCheck), failures);
        }
    }

    /// <summary>One line: the key, the bad value, what is valid and the fix (the environment variable to set).</summary>
    public static string Failure(string key, string value, string valid)
    {
        ArgumentNullException.ThrowIfNull(key);
        return $"{key} is '{value}'; use {valid}. Fix: set {key} (environment variable {key.Replace(":", "__", StringComparison.Ordinal)}) "
            + "to a valid value, or remove it to get the default.";
    }

    /// <summary>What would be valid when <paramref name="value"/> is not, else null.</summary>
    private static string? Problem(PropertyInfo property, string value)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type.IsEnum)
        {
            return Enum.TryParse(type, value, ignoreCase: true, out _) ? null : "one of: " + string.Join(", ", Enum.GetNames(type));
        }

        if (type == typeof(bool))
        {
            return bool.TryParse(value, out _) ? null : "true or false";
        }

        if (type == typeof(int))
        {
            var range = property.GetCustomAttribute<RangeAttribute>();
            var expected = range is null ? "a whole number" : $"a whole number from {range.Minimum} to {range.Maximum}";
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && (range is null || range.IsValid(number))
                ? null
                : expected;
        }

        return null;
    }
}
