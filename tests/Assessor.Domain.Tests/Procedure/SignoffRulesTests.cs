using System.Security.Cryptography;
using System.Text;
using Assessor.Domain.Attestations;
using Assessor.Domain.Procedure;

namespace Assessor.Domain.Tests.Procedure;

public sealed class SignoffRulesTests : IDisposable
{
    private const string Applicant = "7000012050002";
    private const string OtherFirm = "4010401011863";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Statement = Encoding.UTF8.GetBytes("""{"_type":"https://in-toto.io/Statement/v1"}""");

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        key.Dispose();
        otherKey.Dispose();
    }

    [Fact]
    public void A_sign_off_meeting_every_condition_is_accepted_with_the_key_that_verified_it()
    {
        Assert.Null(SignoffRules.Check(Facts(), out var keyId));
        Assert.Equal(KeyIds.Of(key), keyId);
    }

    [Fact]
    public void The_envelope_must_be_an_in_toto_payload_with_signatures()
    {
        var envelope = Signed(key);
        Assert.IsType<SignoffRefusal.InvalidEnvelope>(Check(Facts() with { Envelope = envelope with { PayloadType = "text/plain" } }));
        Assert.IsType<SignoffRefusal.InvalidEnvelope>(Check(Facts() with { Envelope = envelope with { Payload = "not base64!" } }));
        Assert.IsType<SignoffRefusal.InvalidEnvelope>(Check(Facts() with { Envelope = envelope with { Signatures = [] } }));
    }

    [Fact]
    public void More_signatures_than_a_sign_off_needs_are_refused_before_any_is_verified()
    {
        var signature = Signed(key).Signatures[0];
        var crowded = Signed(key) with { Signatures = [.. Enumerable.Repeat(signature, SignoffRules.MaxSignatures + 1)] };

        Assert.IsType<SignoffRefusal.InvalidEnvelope>(Check(Facts() with { Envelope = crowded }));
        Assert.Null(Check(Facts() with { Envelope = crowded with { Signatures = [.. crowded.Signatures.Take(SignoffRules.MaxSignatures)] } }));
    }

    [Theory]
    [InlineData(RunStatus.Signed)]
    [InlineData(RunStatus.Superseded)]
    [InlineData(RunStatus.Closed)]
    public void Only_an_open_run_can_be_signed(RunStatus status) =>
        Assert.Equal(new SignoffRefusal.RunNotOpen(status), Check(Facts() with { RunStatus = status }));

    [Fact]
    public void The_payload_must_be_exactly_the_runs_statement() =>
        Assert.IsType<SignoffRefusal.StatementMismatch>(Check(Facts() with { Statement = [.. Statement, (byte)' '] }));

    [Fact]
    public void Every_mandatory_item_must_be_answered()
    {
        var refusal = Assert.IsType<SignoffRefusal.MandatoryUnanswered>(Check(Facts() with { UnansweredMandatory = ["NET-1", "ACC-2"] }));
        Assert.Equal(["NET-1", "ACC-2"], refusal.Items);
    }

    [Fact]
    public void The_key_must_be_registered_to_the_specialist() =>
        Assert.IsType<SignoffRefusal.UnknownKey>(Check(Facts() with { Envelope = Signed(otherKey) }));

    [Fact]
    public void A_key_revoked_before_the_sign_off_is_refused_and_one_revoked_later_is_not()
    {
        Assert.IsType<SignoffRefusal.KeyRevoked>(Check(Facts(keyRevokedAt: Now.AddSeconds(-1))));
        Assert.Null(Check(Facts(keyRevokedAt: Now.AddSeconds(1))));
    }

    [Fact]
    public void The_signature_must_verify_under_the_named_key()
    {
        // Signed by another key but naming the registered one.
        var forged = Signed(otherKey) with { Signatures = [new DsseSignature { Keyid = KeyIds.Of(key), Sig = Signed(otherKey).Signatures[0].Sig }] };
        Assert.IsType<SignoffRefusal.SignatureInvalid>(Check(Facts() with { Envelope = forged }));
    }

    [Fact]
    public void The_registration_must_be_active_on_the_japan_date_of_signing()
    {
        // 2026-11-29T03:00Z is already 29 November in Japan; a registration ending on the 28th has lapsed.
        var lapsed = Facts().Registration with { ValidUntil = new DateOnly(2026, 11, 28) };
        var refusal = Assert.IsType<SignoffRefusal.RegistrationInactive>(Check(Facts() with { Registration = lapsed }));
        Assert.Equal(new DateOnly(2026, 11, 29), refusal.JapanDate);
    }

    [Fact]
    public void An_it_coordinator_may_attest_an_sme_only()
    {
        var coordinator = Facts().Registration with { Kind = SpecialistKind.ItCoordinator };
        Assert.IsType<SignoffRefusal.CoordinatorForSmeOnly>(Check(Facts() with { Registration = coordinator, ApplicantIsSme = false }));
        Assert.Null(Check(Facts() with { Registration = coordinator, ApplicantIsSme = true }));
    }

    [Fact]
    public void A_specialist_employed_by_the_applicant_has_a_conflict_of_interest() =>
        Assert.IsType<SignoffRefusal.ConflictOfInterest>(Check(Facts() with { SpecialistEmployer = Applicant }));

    [Fact]
    public void Only_an_attestor_of_a_kind_the_regime_takes_may_sign()
    {
        var organisation = Facts().Registration with { Kind = SpecialistKind.SupportOrganisation };
        var monozukuri = Facts() with { Attestors = [SpecialistKind.SupportOrganisation] };

        Assert.Equal(new SignoffRefusal.AttestorKindNotAccepted(SpecialistKind.Riss), Check(monozukuri));
        Assert.Equal(new SignoffRefusal.AttestorKindNotAccepted(SpecialistKind.SupportOrganisation), Check(Facts() with { Registration = organisation }));
        Assert.Null(Check(monozukuri with { Registration = organisation }));
    }

    [Fact]
    public void An_attestor_that_is_another_participant_of_the_plan_has_a_conflict_of_interest()
    {
        var organisation = Facts() with
        {
            Registration = Facts().Registration with { Kind = SpecialistKind.SupportOrganisation },
            Attestors = [SpecialistKind.SupportOrganisation],
        };

        Assert.IsType<SignoffRefusal.ConflictOfInterest>(Check(organisation with { OtherParticipants = ["5010001008813", OtherFirm] }));
        Assert.Null(Check(organisation with { OtherParticipants = ["5010001008813"] }));
    }

    [Fact]
    public void Refusals_come_in_the_order_the_rules_are_listed()
    {
        // Everything wrong at once: the first rule in order answers.
        var everythingWrong = Facts() with
        {
            RunStatus = RunStatus.Closed,
            Statement = [],
            UnansweredMandatory = ["NET-1"],
            SpecialistEmployer = Applicant,
        };
        Assert.IsType<SignoffRefusal.RunNotOpen>(Check(everythingWrong));
        Assert.IsType<SignoffRefusal.StatementMismatch>(Check(everythingWrong with { RunStatus = RunStatus.Open }));
        Assert.IsType<SignoffRefusal.MandatoryUnanswered>(Check(everythingWrong with { RunStatus = RunStatus.Open, Statement = Statement }));
        Assert.IsType<SignoffRefusal.ConflictOfInterest>(Check(everythingWrong with { RunStatus = RunStatus.Open, Statement = Statement, UnansweredMandatory = [] }));
    }

    private static SignoffRefusal? Check(SignoffFacts facts) => SignoffRules.Check(facts, out _);

    private DsseEnvelope Signed(ECDsa signer) => Dsse.Sign(signer, Dsse.InTotoPayloadType, Statement);

    private SignoffFacts Facts(DateTimeOffset? keyRevokedAt = null) => new(
        Signed(key),
        RunStatus.Open,
        Statement,
        [],
        [new RegisteredKey(KeyIds.Of(key), key.ExportSubjectPublicKeyInfoPem(), keyRevokedAt)],
        new Registration("011172", SpecialistKind.Riss, new DateOnly(2026, 4, 1), new DateOnly(2029, 3, 31), null),
        OtherFirm,
        Applicant,
        ApplicantIsSme: false,
        Now);
}
