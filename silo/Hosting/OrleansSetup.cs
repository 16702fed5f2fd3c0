using Orleans.Configuration;
using Orleans.Storage;
using StackExchange.Redis;

namespace ChitLaq.Silo.Hosting;

/// <summary>Composes the co-hosted Orleans silo: clustering, grain storage, endpoints.</summary>
public static class OrleansSetup
{
    /// <summary>Name of the ADO.NET invariant the Orleans provider uses to load NpgsqlFactory.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    public static WebApplicationBuilder AddChitLaqOrleans(this WebApplicationBuilder builder, NodeSettings node)
    {
        // Grain state is JSON without .NET type names, so renaming a class never breaks stored state.
        builder.Services.AddSingleton<IGrainStorageSerializer, SystemTextJsonGrainStorageSerializer>();

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = node.ClusterId;
                options.ServiceId = node.ServiceId;
            });

            if (node.UsesRedisClustering)
            {
                silo.UseRedisClustering(options =>
                    options.ConfigurationOptions = ConfigurationOptions.Parse(node.RedisConnectionString!));
                silo.ConfigureEndpoints(node.AdvertisedAddress, node.SiloPort, node.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                silo.UseLocalhostClustering(node.SiloPort, node.GatewayPort, serviceId: node.ServiceId, clusterId: node.ClusterId);
            }

            // The provider keys rows by (ServiceId, state name, grain key), not by grain type: each
            // persisted grain class uses a state name of its own (StateNamingTests holds us to it).
            silo.AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = NpgsqlInvariant;
                options.ConnectionString = node.PostgresConnectionString;
            });

            // Failure detection: a crashed node's grains move (and its chats answer again) once the
            // others declare it dead. Probing every 2 s and suspecting after 2 misses makes that
            // ≈ 4–6 s for a crash, instead of 15 s or more with the defaults (5 s × 3 misses).
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(2);
                options.NumMissedProbesLimit = 2;
            });

            silo.AddActivityPropagation();
            silo.AddIncomingGrainCallFilter<ChitLaq.Grains.Errors.DatabaseErrorFilter>();
        });

        // A drain normally completes in under a second (NodeLossTests). Under constant chat traffic
        // right after another node was lost, the silo sometimes still waits on a grain that does
        // not finish deactivating (cause not found yet, see issue 15): stop at 10 s then. Nothing
        // acknowledged is at risk — messages are committed before they are acknowledged and grain
        // state is written on every change — and the grains left behind are re-activated elsewhere.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(10));
        return builder;
    }
}
