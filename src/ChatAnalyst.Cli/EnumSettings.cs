using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ChatAnalyst.Cli;

/// <summary>
/// Checks the enum-valued settings of options classes before anything binds them. The configuration binder's own
/// error ("Failed to convert configuration value 'x' at '...' to type '...'") names a .NET type but not the values
/// that would work; this one lists them.
/// </summary>
public static class EnumSettings
{
    /// <summary>
    /// Throws <see cref="OptionsValidationException"/> naming each enum setting whose value is not one of its names.
    /// Each options type must declare <c>public const string SectionName</c>.
    /// </summary>
    public static void Validate(IConfiguration configuration, params Type[] optionsTypes)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(optionsTypes);
        var failures = new List<string>();
        foreach (var type in optionsTypes)
        {
            var section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
                ?? throw new ArgumentException($"{type.Name} declares no SectionName constant.", nameof(optionsTypes));
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                var key = $"{section}:{property.Name}";
                var value = configuration[key];
                if (enumType.IsEnum && !string.IsNullOrWhiteSpace(value) && !Enum.TryParse(enumType, value, ignoreCase: true, out _))
                {
                    failures.Add($"{key} is '{value}'; use one of: {string.Join(", ", Enum.GetNames(enumType))}.");
                }
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException("settings", typeof(EnumSettings), failures);
        }
    }
}
