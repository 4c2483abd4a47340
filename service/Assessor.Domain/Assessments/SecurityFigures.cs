using Assessor.Domain.Attestations;

namespace Assessor.Domain.Assessments;

/// <summary>The figures of the <c>security</c> requirement once a specialist has signed off the current revision.</summary>
/// <param name="SignoffId">The sign-off's id.</param>
/// <param name="RunId">The id of the checklist run that was signed off.</param>
/// <param name="Checklist">The checklist and version the run used, as <c>id@version</c> (e.g. <c>ci-tax-security@1</c>).</param>
/// <param name="Specialist">The specialist who signed.</param>
/// <param name="KeyId">The id (hex SHA-256 of the SubjectPublicKeyInfo) of the key whose signature verified.</param>
/// <param name="SignedAt">When the service accepted the sign-off (ISO-8601, UTC).</param>
/// <param name="Verdict"><c>pass</c> or <c>fail</c>: the run's verdict, which decides the requirement.</param>
public sealed record SecurityFigures(
    Guid SignoffId, Guid RunId, string Checklist, SigningSpecialist Specialist, string KeyId, DateTimeOffset SignedAt, Verdict Verdict);

/// <summary>The specialist behind a sign-off.</summary>
/// <param name="Name">The specialist's name.</param>
/// <param name="RegistrationNumber">The RISS registration number or the IT Coordinator's number.</param>
/// <param name="Kind"><c>riss</c> or <c>it-coordinator</c>.</param>
public sealed record SigningSpecialist(string Name, string RegistrationNumber, SpecialistKind Kind);
