using System.Reflection;
using ChitLaq.Grains.Registries;
using Orleans.Runtime;

namespace ChitLaq.Tests.Persistence;

/// <summary>
/// The ADO.NET provider keys stored state by (service, state name, grain key) — not by grain
/// type. Two grain classes sharing a state name would overwrite each other's rows for equal keys,
/// so every persisted grain pins its type and uses a state name of its own.
/// </summary>
public sealed class StateNamingTests
{
    private static readonly Type[] GrainClasses = typeof(HandleRegistryGrain).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)).ToArray();

    [Fact]
    public void EveryPersistedStateNameBelongsToOneGrainClass()
    {
        var names = GrainClasses
            .SelectMany(type => type.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>())
                .OfType<PersistentStateAttribute>()
                .Select(attribute => (attribute.StateName, type)))
            .ToList();

        Assert.NotEmpty(names);
        Assert.All(names.GroupBy(n => n.StateName), group => Assert.Single(group.Select(g => g.type).Distinct()));
    }

    [Fact]
    public void EveryGrainClassPinsItsGrainType() =>
        Assert.All(GrainClasses, type => Assert.NotNull(type.GetCustomAttribute<GrainTypeAttribute>()));
}
