namespace Sotp.Collectors.Snmp;

/// <summary>The requests a poller makes. A non-zero error-status becomes <see cref="SnmpErrorStatusException"/>.</summary>
public sealed partial class SnmpClient
{
    public async Task<IReadOnlyList<VarBind>> GetAsync(SnmpTarget target, IReadOnlyList<Oid> oids, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, id => Pdu.Request(PduType.GetRequest, id, oids), cancellationToken).ConfigureAwait(false);
        return Checked(reply);
    }

    public async Task<IReadOnlyList<VarBind>> GetNextAsync(SnmpTarget target, IReadOnlyList<Oid> oids, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, id => Pdu.Request(PduType.GetNextRequest, id, oids), cancellationToken).ConfigureAwait(false);
        return Checked(reply);
    }

    /// <summary>GetBulk (v2c and v3 only): the first <paramref name="nonRepeaters"/> OIDs once, the rest up to <paramref name="maxRepetitions"/> times.</summary>
    public async Task<IReadOnlyList<VarBind>> GetBulkAsync(
        SnmpTarget target, int nonRepeaters, int maxRepetitions, IReadOnlyList<Oid> oids, CancellationToken cancellationToken = default)
    {
        RequireBulk(target);
        var reply = await RequestAsync(target, id => Pdu.GetBulk(id, nonRepeaters, maxRepetitions, oids), cancellationToken).ConfigureAwait(false);
        return Checked(reply);
    }

    public async Task<IReadOnlyList<VarBind>> SetAsync(SnmpTarget target, IReadOnlyList<VarBind> values, CancellationToken cancellationToken = default)
    {
        var reply = await RequestAsync(target, id => new Pdu(PduType.SetRequest, id, 0, 0, values), cancellationToken).ConfigureAwait(false);
        return Checked(reply);
    }

    /// <summary>
    /// Every varbind under <paramref name="root"/>, in order: GetBulk on v2c/v3 (max-repetitions halved when the
    /// agent says tooBig), GetNext on v1. Stops at the first OID outside the subtree or at endOfMibView; throws
    /// <see cref="SnmpWalkException"/> when the agent returns an OID not after the previous one (it would loop) or
    /// more than <see cref="SnmpTarget.MaxWalkVarBinds"/>.
    /// </summary>
    public async Task<IReadOnlyList<VarBind>> WalkAsync(SnmpTarget target, Oid root, CancellationToken cancellationToken = default)
    {
        var found = new List<VarBind>();
        var bulk = target.Credentials.Version != SnmpVersion.V1;
        var repetitions = Math.Max(1, target.MaxRepetitions);
        var last = root;
        while (true)
        {
            var from = last;
            var reply = bulk
                ? await RequestAsync(target, id => Pdu.GetBulk(id, 0, repetitions, [from]), cancellationToken).ConfigureAwait(false)
                : await RequestAsync(target, id => Pdu.Request(PduType.GetNextRequest, id, [from]), cancellationToken).ConfigureAwait(false);
            if (bulk && reply.ErrorStatus == SnmpErrorStatus.TooBig && repetitions > 1)
            {
                repetitions = Math.Max(1, repetitions / 2);
                continue;
            }

            if (!bulk && reply.ErrorStatus == SnmpErrorStatus.NoSuchName)
            {
                return found; // v1's way of saying endOfMibView.
            }

            foreach (var bind in Checked(reply))
            {
                if (bind.Value.Type == SnmpType.EndOfMibView || !bind.Oid.StartsWith(root))
                {
                    return found;
                }

                if (bind.Oid <= last)
                {
                    throw new SnmpWalkException($"{target.Endpoint} returned {bind.Oid} after {last} while walking {root}: OIDs must increase, the agent would loop.");
                }

                if (found.Count == target.MaxWalkVarBinds)
                {
                    throw new SnmpWalkException($"{target.Endpoint} returned more than {target.MaxWalkVarBinds} varbinds under {root}.");
                }

                found.Add(bind);
                last = bind.Oid;
            }

            if (reply.VarBinds.Count == 0)
            {
                throw new SnmpWalkException($"{target.Endpoint} answered a walk step after {last} with no varbinds.");
            }
        }
    }

    private static IReadOnlyList<VarBind> Checked(Pdu reply)
    {
        if (reply.ErrorStatus == SnmpErrorStatus.NoError)
        {
            return reply.VarBinds;
        }

        var index = reply.ErrorIndex;
        var oid = index >= 1 && index <= reply.VarBinds.Count ? reply.VarBinds[index - 1].Oid : null;
        throw new SnmpErrorStatusException(reply.ErrorStatus, index, oid);
    }

    private static void RequireBulk(SnmpTarget target)
    {
        if (target.Credentials.Version == SnmpVersion.V1)
        {
            throw new ArgumentException("GetBulk does not exist in SNMPv1.", nameof(target));
        }
    }
}
