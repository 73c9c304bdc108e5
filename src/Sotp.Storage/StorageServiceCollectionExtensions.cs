using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sotp.Core.Alarms;
using Sotp.Core.ApiKeys;
using Sotp.Core.Audit;
using Sotp.Core.Auth;
using Sotp.Core.Bootstrap;
using Sotp.Core.Devices;
using Sotp.Core.Events;
using Sotp.Core.Import;
using Sotp.Core.Monitoring;
using Sotp.Core.Secrets;
using Sotp.Core.Series;
using Sotp.Core.Sites;
using Sotp.Core.Users;
using Sotp.Storage.Alarms;
using Sotp.Storage.Audit;
using Sotp.Storage.Auth;
using Sotp.Storage.Backup;
using Sotp.Storage.Bootstrap;
using Sotp.Storage.Inventory;
using Sotp.Storage.Migrations;
using Sotp.Storage.Secrets;
using Sotp.Storage.Series;
using Sotp.Storage.Users;

namespace Sotp.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The store, its migrations and backup, and the repositories of Core's interfaces.</summary>
    public static IServiceCollection AddSotpStorage(this IServiceCollection services, IConfiguration configuration)
    {
        SqlMapping.Configure();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton<Store>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<IStoreBackup>(sp =>
        {
            var store = sp.GetRequiredService<Store>();
            return store.Provider == StoreProvider.Postgres ? new PostgresBackup(store) : new SqliteBackup(store);
        });
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.SectionName));
        services.AddSingleton<MasterKeyLoader>();
        services.AddSingleton(sp => sp.GetRequiredService<MasterKeyLoader>().Load());
        services.AddSingleton<MasterKeyRotation>();
        services.AddSingleton<IUserStore, UserStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<IRefreshTokenStore, RefreshTokenStore>();
        services.AddSingleton<ISigningKeyStore, SigningKeyStore>();
        services.AddSingleton<HistoryWriter>();
        services.AddSingleton<ISiteStore, SiteStore>();
        services.AddSingleton<SiteService>();
        services.AddSingleton<InventoryChanges>();
        services.AddSingleton<DeviceStatusBoard>();
        services.AddSingleton<IAlarmStore, AlarmStore>();
        services.AddSingleton<IOutboxStore, OutboxStore>();
        services.AddOptions<AlarmOptions>().Bind(configuration.GetSection(AlarmOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlarmOptions>, AlarmOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<AlarmOptions>>().Value);
        services.AddSingleton<AlarmMetrics>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<EventIntake>();
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<EventIntake>());
        services.AddSingleton<AlarmService>();
        services.AddSingleton<LiveFeed>();
        services.AddSingleton<DeviceStatusQueries>();
        services.AddSingleton<IDeviceStore, DeviceStore>();
        services.AddSingleton<DeviceService>();
        services.AddSingleton<IDeviceGroupStore, DeviceGroupStore>();
        services.AddSingleton<Sotp.Core.Topology.ITopologyStore, Topology.TopologyStore>();
        services.AddSingleton<Sotp.Core.Topology.TopologyQueries>();
        services.AddSingleton<Sotp.Core.Rules.IAlertRuleStore, Rules.AlertRuleStore>();
        services.AddSingleton<Sotp.Core.Escalation.IEscalationStore, Escalation.EscalationStore>();
        services.AddSingleton<ISeriesStore, SeriesStore>();
        services.AddSingleton<LatestSeriesValues>();
        services.AddSingleton<SeriesWriter>();
        services.AddOptions<SeriesRetention>().Bind(configuration.GetSection(SeriesRetention.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SeriesRetention>, SeriesRetentionValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SeriesRetention>>().Value);
        services.AddSingleton<SeriesQueries>();
        services.AddSingleton<ISecretStore, SecretStore>();
        services.AddSingleton<SecretVault>();
        services.AddSingleton<InventoryImport>();
        services.AddSingleton<IApiKeyStore, ApiKeyStore>();
        services.AddSingleton<Sotp.Core.Panels.IPanelHistoryStore, Panels.PanelHistoryStore>();
        services.AddSingleton<Sotp.Core.Panels.IPanelZoneStore, Panels.PanelZoneStore>();
        services.AddSingleton<Sotp.Core.Panels.IPanelDescriptionStore, Panels.PanelDescriptionStore>();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<IWsTicketStore, WsTicketStore>();
        services.AddSingleton<WsTickets>();
        services.AddSingleton<IFirstStartStore, FirstStartStore>();
        services.AddSingleton<UserAccounts>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<FirstStart>();
        return services;
    }
}
