using Assessor.Domain.Attestations;
using Assessor.Service.Http;
using Assessor.Service.Specialists;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Attestations;

/// <summary>
/// Every condition a sign-off must meet before it is stored, each refusal a distinct problem code:
/// the envelope, the run's state, the exact statement, the mandatory answers, the key, the signature,
/// the registration on the signing date, and conflict of interest.
/// </summary>
public static class SignoffVerification
{
    public sealed record Outcome(ProblemHttpResult? Problem, string? KeyId);

    /// <param name="applicantIsSme">From the attested revision: an IT Coordinator may attest SMEs only.</param>
    public static async Task<Outcome> VerifyAsync(
        RunState state, DsseEnvelope envelope, bool applicantIsSme, SpecialistStore specialists, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (envelope.PayloadType != Dsse.InTotoPayloadType)
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid-envelope", $"payloadType must be {Dsse.InTotoPayloadType}.");
        }

        var payload = Dsse.TryFromBase64(envelope.Payload);
        if (payload is null || envelope.Signatures.Count == 0 || envelope.Signatures.Any(s => s is null))
        {
            return Refuse(StatusCodes.Status400BadRequest, "invalid-envelope", "payload must be base64, and signatures a non-empty list of {keyid, sig} objects.");
        }

        if (state.Status != "open")
        {
            return new Outcome(AttestationsApi.RunClosed(state), null);
        }

        if (!payload.AsSpan().SequenceEqual(state.Statement))
        {
            return new Outcome(StatementMismatch(), null);
        }

        var unanswered = state.UnansweredMandatory.ToList();
        if (unanswered.Count > 0)
        {
            return new Outcome(Problems.Create(StatusCodes.Status422UnprocessableEntity, "mandatory-unanswered", "Mandatory items are unanswered",
                $"Answer every mandatory item before signing: {string.Join(", ", unanswered)}.",
                new Dictionary<string, object?> { ["items"] = unanswered }), null);
        }

        var keys = await specialists.KeysAsync(state.Specialist.Id, cancellationToken);
        var named = envelope.Signatures.Select(s => (Signature: s, Key: keys.FirstOrDefault(k => k.KeyId == s.Keyid))).Where(p => p.Key is not null).ToList();
        if (named.Count == 0)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "unknown-key",
                "No signature names a key registered to you (keyid = hex SHA-256 of the public key's SPKI).");
        }

        var active = named.Where(p => p.Key!.RevokedAt is null || p.Key.RevokedAt > now).ToList();
        if (active.Count == 0)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "key-revoked", "The signing key has been revoked.");
        }

        var valid = active.FirstOrDefault(p => VerifiesWith(p.Key!, payload, p.Signature.Sig));
        if (valid.Key is null)
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "signature-invalid", "The signature does not verify over the statement's DSSE PAE.");
        }

        if (!state.Specialist.IsActiveOn(now))
        {
            return Refuse(StatusCodes.Status422UnprocessableEntity, "registration-inactive",
                $"Registration {state.Specialist.RegistrationNumber} is not active on {now.ToOffset(SpecialistRow.JapanOffset):yyyy-MM-dd} (Japan) " +
                $"(valid {state.Specialist.ValidFrom:yyyy-MM-dd} to {state.Specialist.ValidUntil:yyyy-MM-dd}{(state.Specialist.RevokedAt is null ? "" : ", revoked")}).");
        }

        if (state.Specialist.Kind == SpecialistKinds.ItCoordinator && !applicantIsSme)
        {
            return Refuse(StatusCodes.Status403Forbidden, "coordinator-for-sme-only",
                "An IT Coordinator may attest an SME's plan only; a large company's plan needs a registered RISS.");
        }

        if (state.Specialist.EmployerCorporateNumber == state.Plan.ApplicantCorporateNumber)
        {
            return Refuse(StatusCodes.Status403Forbidden, "conflict-of-interest",
                "A specialist employed by the applicant cannot attest the applicant's own plan.");
        }

        return new Outcome(null, valid.Key.KeyId);
    }

    public static ProblemHttpResult StatementMismatch() =>
        Problems.Create(StatusCodes.Status409Conflict, "statement-mismatch", "The payload is not the run's current statement",
            "Fetch GET /checklist-runs/{id}/statement again and sign exactly those bytes; answers or the plan revision have changed, or the payload was altered.");

    private static bool VerifiesWith(SpecialistKeyRow key, byte[] payload, string signature)
    {
        using var publicKey = KeyIds.TryImportP256PublicKey(key.PublicKeyPem, out _);
        return publicKey is not null && Dsse.Verify(publicKey, Dsse.InTotoPayloadType, payload, signature);
    }

    private static Outcome Refuse(int status, string code, string detail) =>
        new(Problems.Create(status, code, "The sign-off is refused", detail), null);
}
