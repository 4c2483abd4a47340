using Assessor.Domain.Attestations;

namespace Assessor.Domain.Procedure;

/// <summary>A public key registered to the signing specialist.</summary>
public sealed record RegisteredKey(string KeyId, string PublicKeyPem, DateTimeOffset? RevokedAt);

/// <summary>Everything a sign-off is judged on, gathered by the service before it stores anything.</summary>
/// <param name="Envelope">The DSSE envelope as sent.</param>
/// <param name="RunStatus">The run's status now.</param>
/// <param name="Statement">The exact statement bytes the service would ask the specialist to sign now.</param>
/// <param name="UnansweredMandatory">Mandatory checklist items without an answer.</param>
/// <param name="Keys">The keys registered to the run's specialist, revoked ones included.</param>
/// <param name="Registration">The specialist's registration.</param>
/// <param name="SpecialistEmployer">The corporate number of the specialist's employer.</param>
/// <param name="ApplicantCorporateNumber">The applicant of the attested revision.</param>
/// <param name="ApplicantIsSme">From the attested revision.</param>
/// <param name="Now">When the sign-off arrives: the signing date for the registration.</param>
public sealed record SignoffFacts(
    DsseEnvelope Envelope,
    RunStatus RunStatus,
    byte[] Statement,
    IReadOnlyList<string> UnansweredMandatory,
    IReadOnlyList<RegisteredKey> Keys,
    Registration Registration,
    string SpecialistEmployer,
    string ApplicantCorporateNumber,
    bool ApplicantIsSme,
    DateTimeOffset Now)
{
    /// <summary>The kinds of attestor the plan's regime takes (see <see cref="AttestationRequirement.Attestors"/>); the tax's by default.</summary>
    public IReadOnlyList<SpecialistKind> Attestors { get; init; } = AttestationRequirement.SecurityExperts;

    /// <summary>The plan's companies besides the applicant (a consortium's other participants); the attestor may be none of them either.</summary>
    public IReadOnlyList<string> OtherParticipants { get; init; } = [];
}

/// <summary>Why a sign-off is refused; each kind has its own problem code in the service.</summary>
public abstract record SignoffRefusal
{
    public sealed record InvalidEnvelope(string Detail) : SignoffRefusal;

    public sealed record RunNotOpen(RunStatus Status) : SignoffRefusal;

    public sealed record StatementMismatch : SignoffRefusal;

    public sealed record MandatoryUnanswered(IReadOnlyList<string> Items) : SignoffRefusal;

    public sealed record UnknownKey : SignoffRefusal;

    public sealed record KeyRevoked : SignoffRefusal;

    public sealed record SignatureInvalid : SignoffRefusal;

    public sealed record RegistrationInactive(Registration Registration, DateOnly JapanDate) : SignoffRefusal;

    public sealed record AttestorKindNotAccepted(SpecialistKind Kind) : SignoffRefusal;

    public sealed record CoordinatorForSmeOnly : SignoffRefusal;

    public sealed record ConflictOfInterest : SignoffRefusal;
}

/// <summary>
/// The conditions a specialist's sign-off must meet, in the order they are checked: the envelope's form, the run
/// still open, the payload being exactly the run's statement, every mandatory item answered, a registered and
/// unrevoked key whose signature verifies, a registration active on the Japan date of signing, an attestor of a kind the
/// plan's regime takes, an IT Coordinator only for an SME, and no conflict of interest (the attestor is not employed by the
/// applicant, nor is it, or its employer, another of the plan's companies).
/// </summary>
public static class SignoffRules
{
    /// <summary>DSSE allows several signatures; a sign-off needs one, so a few are plenty.</summary>
    public const int MaxSignatures = 4;

    /// <summary>What an accepted sign-off was checked for, as printed in reports (Japanese / English).</summary>
    public static readonly IReadOnlyList<string> Checks =
    [
        "署名は DSSE PAE に対する ECDSA P-256 で有効 / signature: ECDSA P-256 over the statement's DSSE PAE verifies",
        "鍵は本人に登録済みで署名時に失効していない / key: registered to this specialist, not revoked when signed",
        "登録は署名日に有効 / registration: active on the signing date",
        "IT コーディネータは中小企業の計画のみ / an IT Coordinator attests SMEs only",
        "利益相反なし（申請者の従業員ではない） / no conflict of interest: not employed by the applicant",
        "署名対象はこの改訂版とこれらの回答そのもの / statement: exactly this plan revision and these answers",
    ];

    /// <summary>What an accepted support organisation's confirmation was checked for, as printed in reports (Japanese / English).</summary>
    public static readonly IReadOnlyList<string> ConfirmationChecks =
    [
        "署名は DSSE PAE に対する ECDSA P-256 で有効 / signature: ECDSA P-256 over the statement's DSSE PAE verifies",
        "鍵は本機関に登録済みで署名時に失効していない / key: registered to this organisation, not revoked when signed",
        "認定は署名日に有効 / certification: active on the signing date",
        "計画が指名した認定支援機関である / the support organisation the plan names",
        "利益相反なし（参加事業者ではない） / no conflict of interest: not one of the participants",
        "署名対象はこの改訂版とこれらの回答そのもの / statement: exactly this plan revision and these answers",
    ];

    /// <summary>The checks a report lists for a sign-off of <paramref name="kind"/>.</summary>
    public static IReadOnlyList<string> ChecksFor(AttestationKind kind) => kind == AttestationKind.SupportOrganisationSignoff ? ConfirmationChecks : Checks;

    /// <summary>Null when the sign-off is acceptable, and then <paramref name="keyId"/> names the key that verified it.</summary>
    public static SignoffRefusal? Check(SignoffFacts facts, out string? keyId)
    {
        keyId = null;
        var envelope = facts.Envelope;
        if (envelope.PayloadType != Dsse.InTotoPayloadType)
        {
            return new SignoffRefusal.InvalidEnvelope($"payloadType must be {Dsse.InTotoPayloadType}.");
        }

        if (envelope.Signatures.Count > MaxSignatures)
        {
            return new SignoffRefusal.InvalidEnvelope($"At most {MaxSignatures} signatures; a sign-off needs one.");
        }

        var payload = Dsse.TryFromBase64(envelope.Payload);
        if (payload is null || envelope.Signatures.Count == 0 || envelope.Signatures.Any(s => s is null))
        {
            return new SignoffRefusal.InvalidEnvelope("payload must be base64, and signatures a non-empty list of {keyid, sig} objects.");
        }

        if (facts.RunStatus != RunStatus.Open)
        {
            return new SignoffRefusal.RunNotOpen(facts.RunStatus);
        }

        if (!payload.AsSpan().SequenceEqual(facts.Statement))
        {
            return new SignoffRefusal.StatementMismatch();
        }

        if (facts.UnansweredMandatory.Count > 0)
        {
            return new SignoffRefusal.MandatoryUnanswered(facts.UnansweredMandatory);
        }

        var named = envelope.Signatures
            .Select(s => (Signature: s, Key: facts.Keys.FirstOrDefault(k => k.KeyId == s.Keyid)))
            .Where(p => p.Key is not null)
            .ToList();
        if (named.Count == 0)
        {
            return new SignoffRefusal.UnknownKey();
        }

        var active = named.Where(p => p.Key!.RevokedAt is null || p.Key.RevokedAt > facts.Now).ToList();
        if (active.Count == 0)
        {
            return new SignoffRefusal.KeyRevoked();
        }

        var valid = active.FirstOrDefault(p => VerifiesWith(p.Key!, payload, p.Signature.Sig));
        if (valid.Key is null)
        {
            return new SignoffRefusal.SignatureInvalid();
        }

        if (!facts.Registration.IsActiveOn(facts.Now))
        {
            return new SignoffRefusal.RegistrationInactive(facts.Registration, Registration.JapanDate(facts.Now));
        }

        if (!facts.Attestors.Contains(facts.Registration.Kind))
        {
            return new SignoffRefusal.AttestorKindNotAccepted(facts.Registration.Kind);
        }

        if (!facts.Registration.MayAttest(facts.ApplicantIsSme))
        {
            return new SignoffRefusal.CoordinatorForSmeOnly();
        }

        if (facts.SpecialistEmployer == facts.ApplicantCorporateNumber || facts.OtherParticipants.Contains(facts.SpecialistEmployer))
        {
            return new SignoffRefusal.ConflictOfInterest();
        }

        keyId = valid.Key.KeyId;
        return null;
    }

    private static bool VerifiesWith(RegisteredKey key, byte[] payload, string signature)
    {
        using var publicKey = KeyIds.TryImportP256PublicKey(key.PublicKeyPem, out _);
        return publicKey is not null && Dsse.Verify(publicKey, Dsse.InTotoPayloadType, payload, signature);
    }
}
