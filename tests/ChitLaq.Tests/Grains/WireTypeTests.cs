using System.Reflection;
using ChitLaq.Grains.Abstractions.Handles;

namespace ChitLaq.Tests.Grains;

/// <summary>
/// Types crossing grain calls are named by stable aliases. A generic type's alias must carry its
/// arity (`1), or silos cannot read each other's messages — found the hard way, by a two-node test.
/// </summary>
public sealed class WireTypeTests
{
    private static readonly Type[] WireTypes = typeof(IHandleRegistryGrain).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null).ToArray();

    [Fact]
    public void EveryWireTypeHasAnAlias() =>
        Assert.All(WireTypes, type => Assert.NotNull(type.GetCustomAttribute<AliasAttribute>()));

    [Fact]
    public void GenericWireTypeAliasesCarryTheirArity() =>
        Assert.All(WireTypes.Where(t => t.IsGenericTypeDefinition), type =>
            Assert.EndsWith("`" + type.GetGenericArguments().Length, type.GetCustomAttribute<AliasAttribute>()!.Alias));

    [Fact]
    public void AliasesAreUnique() =>
        Assert.Equal(WireTypes.Length, WireTypes.Select(t => t.GetCustomAttribute<AliasAttribute>()?.Alias).Distinct().Count());
}
