using Sotp.Core.Audit;

namespace Sotp.Core.Tests.Audit;

public class AuditRecordTests
{
    [Fact]
    public void Hash_DependsOnThePreviousHash()
    {
        var a = AuditRecord.ComputeHash(AuditRecord.GenesisHash, "2026-11-23T00:00:00.0000000Z", 1, "anna", "ADMIN", "auth.login", null, null, null, null, null, null, null);
        var b = AuditRecord.ComputeHash(new string('1', 64), "2026-11-23T00:00:00.0000000Z", 1, "anna", "ADMIN", "auth.login", null, null, null, null, null, null, null);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Hash_TellsAMissingFieldFromAnEmptyOne()
    {
        var missing = AuditRecord.ComputeHash(AuditRecord.GenesisHash, "t", null, "x", null, "a", null, null, null, null, null, null, null);
        var empty = AuditRecord.ComputeHash(AuditRecord.GenesisHash, "t", null, "x", "", "a", null, null, null, null, null, null, null);

        Assert.NotEqual(missing, empty);
    }

    [Fact]
    public void Hash_ChangesWhenTextMovesBetweenFields()
    {
        var first = AuditRecord.ComputeHash(AuditRecord.GenesisHash, "t", null, "ab", "c", "a", null, null, null, null, null, null, null);
        var second = AuditRecord.ComputeHash(AuditRecord.GenesisHash, "t", null, "a", "bc", "a", null, null, null, null, null, null, null);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void HashMatches_DetectsAnEditedField()
    {
        var hash = AuditRecord.ComputeHash(AuditRecord.GenesisHash, "t", 3, "jan", "OPERATOR", "auth.login", "user", "3", null, null, null, "r1", "10.0.0.1");
        var record = new AuditRecord(1, "t", 3, "jan", "OPERATOR", "auth.login", "user", "3", null, null, null, "r1", "10.0.0.1", AuditRecord.GenesisHash, hash);

        Assert.True(record.HashMatches());
        Assert.False((record with { ClientIp = "10.0.0.2" }).HashMatches());
    }
}
