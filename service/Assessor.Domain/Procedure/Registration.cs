using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;

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

    /// <summary>The last day of a RISS term that starts on <paramref name="validFrom"/>: three years by the Civil Code's count.</summary>
    public static DateOnly RissTermEnd(DateOnly validFrom) => CivilPeriod.LastDay(validFrom, RissTermYears);

    /// <summary>The calendar day in Japan at <paramref name="moment"/>.</summary>
    public static DateOnly JapanDate(DateTimeOffset moment) => DateOnly.FromDateTime(moment.ToOffset(JapanOffset).DateTime);

    /// <summary>Why a requested term is not a valid one for <paramref name="kind"/> (when known); null when it is.</summary>
    public static ValidationText? TermProblem(SpecialistKind? kind, DateOnly validFrom, DateOnly? validUntil) => validUntil switch
    {
        null when kind == SpecialistKind.ItCoordinator => new("Required for an IT Coordinator.", "ITコーディネータの場合は必須です。"),
        null when kind == SpecialistKind.SupportOrganisation => new(
            "Required for a support organisation: the last day of its certification.", "認定経営革新等支援機関の場合は必須です。認定の有効期間の末日を指定してください。"),
        { } until when until < validFrom => new("Must not be before validFrom.", "validFrom より前にはできません。"),
        { } until when kind == SpecialistKind.Riss && until > RissTermEnd(validFrom) =>
            new($"A RISS registration lasts at most {RissTermYears} years from (re)registration.",
                $"情報処理安全確保支援士の登録の有効期間は、登録（更新）から {RissTermYears} 年までです。"),
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
