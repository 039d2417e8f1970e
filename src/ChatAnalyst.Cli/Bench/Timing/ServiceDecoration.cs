using Microsoft.Extensions.DependencyInjection;

namespace ChatAnalyst.Cli.Bench.Timing;

/// <summary>Replaces the registration of a service with a wrapper around what it registered, whatever its form.</summary>
internal static class ServiceDecoration
{
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<TService, IServiceProvider, TService> wrap)
        where TService : class
    {
        var index = services.Count - 1;
        while (index >= 0 && services[index].ServiceType != typeof(TService))
        {
            index--;
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"No {typeof(TService).Name} is registered to time.");
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => wrap(Resolve<TService>(original, sp), sp), original.Lifetime);
        return services;
    }

    private static TService Resolve<TService>(ServiceDescriptor original, IServiceProvider services) =>
        (TService)(original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, original.ImplementationType!));
}
