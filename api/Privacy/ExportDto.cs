using ChitLaq.Grains.Abstractions.Accounts;

namespace ChitLaq.Api.Privacy;

/// <summary>API.md <c>GET /me/export/{id}</c>: <c>status</c> (pending, ready, failed, expired) and, once ready, the download <c>url</c>.</summary>
public sealed record ExportDto(string Id, string Status, string? Url, DateTimeOffset RequestedAt, DateTimeOffset? ReadyAt, DateTimeOffset? ExpiresAt, long? Bytes)
{
    public static string DownloadPath(string exportId) => $"{ApiSetup.BasePath}/me/export/{exportId}/download";

    public static ExportDto From(DataExportView export) => new(export.Id, export.Status,
        export.Status == ExportStatuses.Ready ? DownloadPath(export.Id) : null,
        export.RequestedAt, export.ReadyAt, export.ExpiresAt, export.Bytes);
}

public sealed record DeleteAccountRequest(string? Password);

/// <summary>What <c>DELETE /users/me</c> answers: when the account is erased unless its owner signs in before.</summary>
public sealed record DeletionScheduledDto(DateTimeOffset EraseAt);
