using System.Text.Json;
using Dapper;
using Sotp.Core;
using Sotp.Core.Errors;
using Sotp.Core.Sites;

namespace Sotp.Storage.Inventory;

/// <summary>The call list and procedures of a site: replaced whole, under the site's version, with history.</summary>
public sealed partial class SiteStore
{
    public async Task<IReadOnlyList<SiteContact>> ContactsAsync(long siteId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadContactsAsync(connection, null, siteId, cancellationToken);
    }

    public async Task<IReadOnlyList<SiteProcedure>> ProceduresAsync(long siteId, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        return await ReadProceduresAsync(connection, null, siteId, cancellationToken);
    }

    public async Task<Site> ReplaceContactsAsync(long siteId, long expectedVersion, IReadOnlyList<SiteContact> contacts, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await LockedCurrentAsync(write, siteId, expectedVersion, cancellationToken);
        var foreign = new Dictionary<string, string[]>();
        for (var i = 0; i < contacts.Count; i++)
        {
            if (contacts[i].VerificationSecretId is { } secretId &&
                await write.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM secrets WHERE id = @secretId AND site_id = @siteId", new { secretId, siteId }, write.Transaction, cancellationToken: cancellationToken)) == 0)
            {
                foreign[$"contacts[{i}].verificationSecretId"] = [$"There is no secret {secretId} of site {siteId}."];
            }
        }

        if (foreign.Count > 0)
        {
            throw new ValidationException(foreign);
        }

        var before = await ReadContactsAsync(write.Connection, write.Transaction, siteId, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM site_contacts WHERE site_id = @siteId", new { siteId }, write.Transaction, cancellationToken: cancellationToken));
        for (var position = 0; position < contacts.Count; position++)
        {
            var contact = contacts[position];
            await write.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO site_contacts (site_id, position, name, role, phones, email, verification_secret_id) VALUES (@siteId, @position, @Name, @Role, @phones, @Email, @VerificationSecretId)",
                new { siteId, position, contact.Name, contact.Role, phones = JsonSerializer.Serialize(contact.Phones), contact.Email, contact.VerificationSecretId },
                write.Transaction, cancellationToken: cancellationToken));
        }

        var site = await BumpVersionAsync(write, siteId, cancellationToken);
        await history.RecordAsync(write, EntityType, siteId, site.Version, "contacts_replaced", before, contacts, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return site;
    }

    public async Task<Site> ReplaceProceduresAsync(long siteId, long expectedVersion, IReadOnlyList<SiteProcedure> procedures, Caller caller, CancellationToken cancellationToken)
    {
        await using var write = await WriteTransaction.BeginAsync(store, cancellationToken);
        await LockedCurrentAsync(write, siteId, expectedVersion, cancellationToken);
        var before = await ReadProceduresAsync(write.Connection, write.Transaction, siteId, cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM site_procedures WHERE site_id = @siteId", new { siteId }, write.Transaction, cancellationToken: cancellationToken));
        foreach (var procedure in procedures)
        {
            for (var position = 0; position < procedure.Steps.Count; position++)
            {
                await write.Connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO site_procedures (site_id, category, position, step) VALUES (@siteId, @category, @position, @step)",
                    new { siteId, category = procedure.Category.Trim(), position, step = procedure.Steps[position].Trim() }, write.Transaction, cancellationToken: cancellationToken));
            }
        }

        var site = await BumpVersionAsync(write, siteId, cancellationToken);
        await history.RecordAsync(write, EntityType, siteId, site.Version, "procedures_replaced", before, procedures, caller, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return site;
    }

    private async Task<Site> BumpVersionAsync(WriteTransaction write, long siteId, CancellationToken cancellationToken) =>
        (await write.Connection.QuerySingleAsync<SiteRow>(new CommandDefinition(
            $"UPDATE sites SET version = version + 1, updated_at = @now WHERE id = @siteId RETURNING {Columns}",
            new { siteId, now = time.GetUtcNow() }, write.Transaction, cancellationToken: cancellationToken))).ToSite();

    private static async Task<IReadOnlyList<SiteContact>> ReadContactsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long siteId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Name, string? Role, string Phones, string? Email, long? VerificationSecretId)>(new CommandDefinition(
            "SELECT name, role, phones, email, verification_secret_id FROM site_contacts WHERE site_id = @siteId ORDER BY position",
            new { siteId }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new SiteContact(r.Name, r.Role, JsonSerializer.Deserialize<List<string>>(r.Phones) ?? [], r.Email, r.VerificationSecretId)).ToList();
    }

    private static async Task<IReadOnlyList<SiteProcedure>> ReadProceduresAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, long siteId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(string Category, string Step)>(new CommandDefinition(
            "SELECT category, step FROM site_procedures WHERE site_id = @siteId ORDER BY category, position",
            new { siteId }, transaction, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Category).Select(g => new SiteProcedure(g.Key, g.Select(r => r.Step).ToList())).ToList();
    }
}
