using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Assessor.Domain.Log;

/// <summary>Who made a change: a principal and the role it acted in, or the service itself (<c>system</c>, no id). Never a key.</summary>
public sealed record LogActor(Guid? Id, string Role)
{
    public const string SystemRole = "system";

    public static LogActor System { get; } = new(null, SystemRole);
}

/// <summary>What a change was made to.</summary>
public sealed record LogSubject(string Type, string Id)
{
    public static LogSubject Plan(Guid id) => new("plan", id.ToString("D"));
}

/// <summary>The plan revision a change concerns, with its digest (<c>sha256:</c> and lower-case hex).</summary>
public sealed record LogPlanRef(Guid Id, long Revision, string Digest);

/// <summary>
/// One entry of the audit log: a state change, by whom, when, to what, and the digests of what it stored. Its bytes
/// (<see cref="LogEvents.Serialize"/>) are canonical and are what the log stores, serves and hashes.
/// </summary>
public sealed record LogEvent(
    long Index,
    DateTimeOffset Time,
    string Action,
    LogActor Actor,
    LogSubject Subject,
    LogPlanRef? Plan,
    IReadOnlyDictionary<string, string> Digests,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>The format version, written as <c>"v"</c>.</summary>
    public const int FormatVersion = 1;
}

/// <summary>The actions the log records: every state change of the service.</summary>
public static class LogActions
{
    public const string PlanCreated = "plan.created";
    public const string PlanRevised = "plan.revised";
    public const string PlanSubmitted = "plan.submitted";
    public const string PlanReturned = "plan.returned";
    public const string PlanRejected = "plan.rejected";
    public const string PlanCertified = "plan.certified";
    public const string RunCreated = "checklist-run.created";
    public const string AnswerChanged = "checklist-run.answer-changed";
    public const string SelfCheckCreated = "self-check-run.created";
    public const string SelfCheckAnswerChanged = "self-check-run.answer-changed";
    public const string ConsortiumConsentGiven = "consortium-consent.given";
    public const string SignoffAccepted = "signoff.accepted";
    public const string EvidenceAttached = "evidence.attached";
    public const string EvidenceDetached = "evidence.detached";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDisabled = "webhook.disabled";
    public const string WebhookDeleted = "webhook.deleted";
    public const string WebhookSecretRotated = "webhook.secret-rotated";
    public const string PrincipalCreated = "principal.created";
    public const string PrincipalKeyCreated = "principal.key-created";
    public const string PrincipalKeyRevoked = "principal.key-revoked";
    public const string PrincipalIdentityLinked = "principal.identity-linked";
    public const string PrincipalProvisioned = "principal.provisioned";
    public const string SpecialistCreated = "specialist.created";
    public const string SpecialistRevoked = "specialist.revoked";
    public const string SpecialistKeyCreated = "specialist.key-created";
    public const string SpecialistKeyRevoked = "specialist.key-revoked";
    public const string SigningKeyChanged = "signing-key.changed";
}

/// <summary>
/// The canonical bytes of an event: compact UTF-8 JSON, members in lexicographic order at every level (as RFC 8785
/// JCS orders them), empty maps and absent values left out, times as UTC with seven fraction digits and a <c>Z</c>.
/// The log never re-serialises an event it stored: these bytes are hashed and served as they are.
/// </summary>
public static class LogEvents
{
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private const int TypicalEventBytes = 1024;

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static byte[] Serialize(LogEvent e)
    {
        // Written straight into a buffer sized for a usual event and copied out once: through a stream, the writer's own
        // buffer and the stream's both grew from small sizes on every event (a create's audit entry).
        var buffer = new ArrayBufferWriter<byte>(TypicalEventBytes);
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("action", e.Action);
            json.WriteStartObject("actor");
            if (e.Actor.Id is { } id)
            {
                json.WriteString("id", id.ToString("D"));
            }

            json.WriteString("role", e.Actor.Role);
            json.WriteEndObject();
            WriteMap(json, "details", e.Details);
            WriteMap(json, "digests", e.Digests);
            json.WriteNumber("index", e.Index);
            if (e.Plan is { } plan)
            {
                json.WriteStartObject("plan");
                json.WriteString("digest", plan.Digest);
                json.WriteString("id", plan.Id.ToString("D"));
                json.WriteNumber("revision", plan.Revision);
                json.WriteEndObject();
            }

            json.WriteStartObject("subject");
            json.WriteString("id", e.Subject.Id);
            json.WriteString("type", e.Subject.Type);
            json.WriteEndObject();
            json.WriteString("time", FormatTime(e.Time));
            json.WriteNumber("v", LogEvent.FormatVersion);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads an event's bytes; null when they are not an event of this format.</summary>
    public static LogEvent? TryParse(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            var root = document.RootElement;
            if (root.GetProperty("v").GetInt32() != LogEvent.FormatVersion)
            {
                return null;
            }

            var actor = root.GetProperty("actor");
            var subject = root.GetProperty("subject");
            LogPlanRef? plan = null;
            if (root.TryGetProperty("plan", out var p))
            {
                plan = new LogPlanRef(p.GetProperty("id").GetGuid(), p.GetProperty("revision").GetInt64(), p.GetProperty("digest").GetString()!);
            }

            return new LogEvent(
                root.GetProperty("index").GetInt64(),
                DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.GetProperty("action").GetString()!,
                new LogActor(actor.TryGetProperty("id", out var actorId) ? actorId.GetGuid() : null, actor.GetProperty("role").GetString()!),
                new LogSubject(subject.GetProperty("type").GetString()!, subject.GetProperty("id").GetString()!),
                plan,
                ReadMap(root, "digests"),
                ReadMap(root, "details"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentNullException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="bytes"/> are exactly what <see cref="Serialize"/> writes for the event they hold.</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> bytes) => TryParse(bytes) is { } e && Serialize(e).AsSpan().SequenceEqual(bytes);

    private static void WriteMap(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        json.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static Dictionary<string, string> ReadMap(JsonElement root, string name) =>
        root.TryGetProperty(name, out var map)
            ? map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}
