using Assessor.Domain.Attestations;

namespace Assessor.Domain.Procedure;

/// <summary>
/// A registered attestor's registration: a RISS (登録セキスペ) is registered for three years from (re)registration; an
/// IT Coordinator's certificate and a support organisation's certification have the term their issuer printed. Terms run
/// by Japanese calendar days.
/// </summary>
public sealed record Registration(string Number, SpecialistKind Kind, DateOnly ValidFrom, DateOnly ValidUntil, DateTimeOffset? RevokedAt)
{
    /// <summary>The statutory term of a RISS registration (renewed every three years).</summary>
    public const int RissTermYears = 3;

    /// <summary>Japan keeps UTC+9 all year (no daylight saving).</summary>
    public static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    /// <summary>
    /// The last day of a RISS term that starts on <paramref name="validFrom"/>: the day before the third anniversary, or,
    /// when that year has no such day (a term from 29 February), the month's last day (民法 §143 ②).
    /// </summary>
    public static DateOnly RissTermEnd(DateOnly validFrom)
    {
        // DateOnly.AddYears clamps 29 February to the 28th: then the clamped day already is the month's last day.
        var anniversary = validFrom.AddYears(RissTermYears);
        return anniversary.Day == validFrom.Day ? anniversary.AddDays(-1) : anniversary;
    }

    /// <summary>The calendar day in Japan at <paramref name="moment"/>.</summary>
    public static DateOnly JapanDate(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(JapanOffset).DateTime);

    /// <summary>Why a requested term is not a valid one for <paramref name="kind"/> (when known); null when it is.</summary>
    public static string? TermProblem(SpecialistKind? kind, DateOnly validFrom, DateOnly? validUntil) => validUntil switch
    {
        null when kind == SpecialistKind.ItCoordinator => "Required for an IT Coordinator.",
        null when kind == SpecialistKind.SupportOrganisation => "Required for a support organisation: the last day of its certification.",
        { } until when until < validFrom => "Must not be before validFrom.",
        { } until when kind == SpecialistKind.Riss && until > RissTermEnd(validFrom) =>
            $"A RISS registration lasts at most {RissTermYears} years from (re)registration.",
        _ => null,
    };

    /// <summary>The term's end: as given, or for a RISS that gave none, the statutory three years.</summary>
    public static DateOnly TermEnd(DateOnly validFrom, DateOnly? validUntil) => validUntil ?? RissTermEnd(validFrom);

    /// <summary>Active at <paramref name="moment"/>: its Japan date is inside the term, and it was not revoked by then.</summary>
    public bool IsActiveOn(DateTimeOffset moment) =>
        JapanDate(moment) is var day && day >= ValidFrom && day <= ValidUntil && (RevokedAt is null || RevokedAt > moment);

    /// <summary>An IT Coordinator may attest SMEs only; a large company needs a RISS. Other kinds are not limited by size.</summary>
    public bool MayAttest(bool applicantIsSme) => Kind != SpecialistKind.ItCoordinator || applicantIsSme;
}
