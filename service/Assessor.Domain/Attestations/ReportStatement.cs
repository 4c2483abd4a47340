using Assessor.Domain.Procedure;

namespace Assessor.Domain.Attestations;

/// <summary>What the service's signature on a certified report vouches for.</summary>
public sealed record CertificationPredicate(
    Guid PlanId, long Revision, string PlanDigest, Decision Decision, DateTimeOffset DecidedAt, string Reviewer, string ReportDigest);

public static class ReportStatement
{
    public const string PredicateType = "https://assessor.example/attestations/certification-report/v1";

    /// <summary>One subject per stored format (file name and sha256), so any of the files can be checked offline.</summary>
    public static InTotoStatement<CertificationPredicate> Create(IEnumerable<(string FileName, string Sha256)> files, CertificationPredicate predicate) => new(
        InTotoStatements.StatementType,
        files.Select(f => new StatementSubject(f.FileName, new Dictionary<string, string> { ["sha256"] = f.Sha256 })).ToList(),
        PredicateType,
        predicate);
}
