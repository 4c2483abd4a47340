using Assessor.Domain.Attestations;
using Assessor.Domain.Procedure;
using Assessor.Service.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessor.Service.Attestations;

/// <summary>The attestation feature's problem codes: one entry per typed refusal of the domain rules.</summary>
public static class AttestationProblems
{
    private const string Refused = "The sign-off is refused";

    public static ProblemHttpResult For(SignoffRefusal refusal, RunState state) => refusal switch
    {
        SignoffRefusal.InvalidEnvelope invalid => Problems.Create(StatusCodes.Status400BadRequest, "invalid-envelope", Refused, invalid.Detail),
        SignoffRefusal.RunNotOpen => RunClosed(state),
        SignoffRefusal.StatementMismatch => StatementMismatch(),
        SignoffRefusal.MandatoryUnanswered unanswered => Problems.Create(StatusCodes.Status422UnprocessableEntity, "mandatory-unanswered",
            "Mandatory items are unanswered", $"Answer every mandatory item before signing: {string.Join(", ", unanswered.Items)}.",
            new Dictionary<string, object?> { ["items"] = unanswered.Items }),
        SignoffRefusal.UnknownKey => Problems.Create(StatusCodes.Status422UnprocessableEntity, "unknown-key", Refused,
            "No signature names a key registered to you (keyid = hex SHA-256 of the public key's SPKI)."),
        SignoffRefusal.KeyRevoked => Problems.Create(StatusCodes.Status422UnprocessableEntity, "key-revoked", Refused, "The signing key has been revoked."),
        SignoffRefusal.SignatureInvalid => Problems.Create(StatusCodes.Status422UnprocessableEntity, "signature-invalid", Refused,
            "The signature does not verify over the statement's DSSE PAE."),
        SignoffRefusal.RegistrationInactive inactive => Problems.Create(StatusCodes.Status422UnprocessableEntity, "registration-inactive", Refused,
            $"Registration {inactive.Registration.Number} is not active on {inactive.JapanDate:yyyy-MM-dd} (Japan) " +
            $"(valid {inactive.Registration.ValidFrom:yyyy-MM-dd} to {inactive.Registration.ValidUntil:yyyy-MM-dd}" +
            $"{(inactive.Registration.RevokedAt is null ? "" : ", revoked")})."),
        SignoffRefusal.AttestorKindNotAccepted wrong => WrongAttestorKind(wrong.Kind, state.Plan.Regime),
        SignoffRefusal.CoordinatorForSmeOnly => Problems.Create(StatusCodes.Status403Forbidden, "coordinator-for-sme-only", Refused,
            "An IT Coordinator may attest an SME's plan only; a large company's plan needs a registered RISS."),
        SignoffRefusal.ConflictOfInterest => Problems.Create(StatusCodes.Status403Forbidden, "conflict-of-interest", Refused,
            "An attestor cannot attest a plan of its own company or employer: the applicant, or another participant of the plan."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "A refusal without a problem code."),
    };

    /// <summary>Why a run that is not open refuses a change: superseded, signed, or its plan left review.</summary>
    public static ProblemHttpResult RunClosed(RunState state) => state.Status switch
    {
        RunStatus.Superseded => Problems.Create(StatusCodes.Status409Conflict, "run-superseded", "The plan has a newer revision",
            $"This run attests revision {state.Run.PlanRevision}; the plan is now at revision {state.Plan.CurrentRevision}. Start a new run."),
        RunStatus.Signed => Problems.Create(StatusCodes.Status409Conflict, "already-signed", "The run is signed off and can no longer change"),
        _ => Problems.Create(StatusCodes.Status409Conflict, "plan-not-in-review", $"The plan is {state.Plan.Status.ToWire()}, no longer in review",
            extensions: new Dictionary<string, object?> { ["currentState"] = state.Plan.Status.ToWire() }),
    };

    /// <summary>The plan's regime takes sign-offs from other kinds of registered attestor (e.g. a RISS on a Monozukuri plan).</summary>
    public static ProblemHttpResult WrongAttestorKind(SpecialistKind kind, string regime) =>
        Problems.Create(StatusCodes.Status403Forbidden, "wrong-attestor-kind", "Your kind of registration cannot attest this plan",
            $"A {kind.ToWire()} cannot attest a {regime} plan; see GET /api/v1/regimes for the attestation each regime needs.",
            new Dictionary<string, object?> { ["kind"] = kind.ToWire(), ["regime"] = regime });

    public static ProblemHttpResult SpecialistRevoked() =>
        Problems.Create(StatusCodes.Status403Forbidden, "specialist-revoked", "Your registration has been revoked",
            "A revoked specialist can no longer start, read, answer or sign checklist runs. Ask the registry's admin.");

    public static ProblemHttpResult StatementMismatch() =>
        Problems.Create(StatusCodes.Status409Conflict, "statement-mismatch", "The payload is not the run's current statement",
            "Fetch GET /checklist-runs/{id}/statement again and sign exactly those bytes; answers or the plan revision have changed, or the payload was altered.");
}
