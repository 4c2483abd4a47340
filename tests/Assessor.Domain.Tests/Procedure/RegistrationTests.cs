using System.Globalization;
using Assessor.Domain.Attestations;
using Assessor.Domain.Procedure;

namespace Assessor.Domain.Tests.Procedure;

public class RegistrationTests
{
    private static readonly Registration Riss = new("011172", SpecialistKind.Riss, new DateOnly(2026, 4, 1), new DateOnly(2029, 3, 31), null);

    [Theory]
    // 2026-03-31T15:00Z is 2026-04-01 00:00 in Japan: the first day of the registration.
    [InlineData("2026-03-31T14:59:59Z", false)]
    [InlineData("2026-03-31T15:00:00Z", true)]
    // 2029-03-31T14:59:59Z is the last second of 2029-03-31 in Japan; a second later it has lapsed.
    [InlineData("2029-03-31T14:59:59Z", true)]
    [InlineData("2029-03-31T15:00:00Z", false)]
    public void A_registration_is_active_by_japanese_calendar_days(string moment, bool active) =>
        Assert.Equal(active, Riss.IsActiveOn(DateTimeOffset.Parse(moment, CultureInfo.InvariantCulture)));

    [Fact]
    public void A_revoked_registration_is_inactive_from_its_revocation()
    {
        var revoked = Riss with { RevokedAt = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        Assert.True(revoked.IsActiveOn(new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero)));
        Assert.False(revoked.IsActiveOn(new DateTimeOffset(2027, 1, 1, 0, 0, 1, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-04-01", "2029-03-31")]
    [InlineData("2026-03-01", "2029-02-28")]
    // From 29 February there is no anniversary day in 2027: the term ends on the month's last day (民法 §143 ②).
    [InlineData("2024-02-29", "2027-02-28")]
    public void A_riss_term_is_three_years_less_a_day(string from, string until)
    {
        Assert.Equal(DateOnly.Parse(until, CultureInfo.InvariantCulture), Registration.RissTermEnd(DateOnly.Parse(from, CultureInfo.InvariantCulture)));
        Assert.Equal(DateOnly.Parse(until, CultureInfo.InvariantCulture), Registration.TermEnd(DateOnly.Parse(from, CultureInfo.InvariantCulture), null));
    }

    [Theory]
    [InlineData(SpecialistKind.Riss, "2026-04-01", null, null)]
    [InlineData(SpecialistKind.Riss, "2026-04-01", "2029-03-31", null)]
    [InlineData(SpecialistKind.Riss, "2026-04-01", "2029-04-01", "A RISS registration lasts at most 3 years from (re)registration.")]
    [InlineData(SpecialistKind.Riss, "2026-04-01", "2026-03-31", "Must not be before validFrom.")]
    [InlineData(SpecialistKind.ItCoordinator, "2026-04-01", null, "Required for an IT Coordinator.")]
    // An IT Coordinator's certificate carries its own term, which may be longer than a RISS's.
    [InlineData(SpecialistKind.ItCoordinator, "2026-04-01", "2031-03-31", null)]
    [InlineData(null, "2026-04-01", "2026-03-31", "Must not be before validFrom.")]
    public void Terms_are_checked_by_kind(SpecialistKind? kind, string from, string? until, string? problem) =>
        Assert.Equal(problem, Registration.TermProblem(kind, DateOnly.Parse(from, CultureInfo.InvariantCulture),
            until is null ? null : DateOnly.Parse(until, CultureInfo.InvariantCulture))?.En);

    [Theory]
    [InlineData(SpecialistKind.Riss, true, true)]
    [InlineData(SpecialistKind.Riss, false, true)]
    [InlineData(SpecialistKind.ItCoordinator, true, true)]
    [InlineData(SpecialistKind.ItCoordinator, false, false)]
    public void An_it_coordinator_attests_smes_only(SpecialistKind kind, bool applicantIsSme, bool may) =>
        Assert.Equal(may, (Riss with { Kind = kind }).MayAttest(applicantIsSme));
}
