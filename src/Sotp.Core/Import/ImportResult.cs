namespace Sotp.Core.Import;

/// <param name="Rows">Data rows read (the header not counted).</param>
/// <param name="Committed">True when the rows were written; a commit with any error writes nothing.</param>
public sealed record ImportResult(int Rows, IReadOnlyList<ImportError> Errors, bool Committed)
{
    public bool HasErrors => Errors.Count > 0;
}
