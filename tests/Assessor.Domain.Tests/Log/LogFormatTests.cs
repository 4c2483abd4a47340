using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assessor.Domain.Attestations;
using Assessor.Domain.Log;
using Assessor.Domain.Reports;

namespace Assessor.Domain.Tests.Log;

public class LogFormatTests
{
    private static readonly Guid Plan = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    private static readonly Guid Applicant = Guid.Parse("0b7c1a52-2f4e-4a53-9d3e-6a1f4c2b9e10");

    [Fact]
    public void A_checkpoint_body_is_the_three_c2sp_lines()
    {
        var root = SHA256.HashData("root"u8);
        var checkpoint = new Checkpoint("assessor.example/log", 20852163, root);

        var body = Encoding.UTF8.GetString(checkpoint.Body());

        Assert.Equal($"assessor.example/log\n20852163\n{Convert.ToBase64String(root)}\n", body);
        Assert.Equal(checkpoint.Size, Checkpoint.TryParse(checkpoint.Body())!.Size);
        Assert.Equal(root, Checkpoint.TryParse(Encoding.UTF8.GetBytes(body + "extension line\n"))!.RootHash);
    }

    [Theory]
    [InlineData("o\n1\nAAAA\n")]
    [InlineData("o\n01\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")]
    [InlineData("o\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n")]
    [InlineData("\n1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n")]
    public void Malformed_checkpoint_bodies_are_refused(string body) => Assert.Null(Checkpoint.TryParse(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_signed_checkpoint_verifies_only_with_its_key_and_type()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var checkpoint = new Checkpoint("assessor.example/log", 3, SHA256.HashData("x"u8));
        var envelope = checkpoint.Sign(key);

        Assert.Equal(3, Checkpoint.Verify(envelope, key, out var problem)!.Size);
        Assert.Null(problem);
        Assert.Null(Checkpoint.Verify(envelope, other, out problem));
        Assert.Contains("no signature by this key", problem);
        var asStatement = Dsse.Sign(key, Dsse.InTotoPayloadType, checkpoint.Body());
        Assert.Null(Checkpoint.Verify(asStatement, key, out problem));
        Assert.Contains("payloadType", problem);
        var forged = envelope with { Payload = Convert.ToBase64String(new Checkpoint("assessor.example/log", 4, SHA256.HashData("x"u8)).Body()) };
        Assert.Null(Checkpoint.Verify(forged, key, out problem));
        Assert.Equal("the signature does not verify", problem);
    }

    [Fact]
    public void Event_bytes_are_compact_json_with_sorted_members()
    {
        var e = new LogEvent(7, new DateTimeOffset(2026, 1, 15, 18, 0, 0, TimeSpan.FromHours(9)), LogActions.PlanRevised, new LogActor(Applicant, "applicant"),
            LogSubject.Plan(Plan), new LogPlanRef(Plan, 2, "sha256:" + new string('a', 64)),
            new Dictionary<string, string> { ["revision"] = "sha256:" + new string('a', 64) },
            new Dictionary<string, string> { ["z"] = "last", ["a"] = "first" });

        var bytes = LogEvents.Serialize(e);

        Assert.Equal(
            "{\"action\":\"plan.revised\",\"actor\":{\"id\":\"0b7c1a52-2f4e-4a53-9d3e-6a1f4c2b9e10\",\"role\":\"applicant\"}," +
            "\"details\":{\"a\":\"first\",\"z\":\"last\"},\"digests\":{\"revision\":\"sha256:" + new string('a', 64) + "\"},\"index\":7," +
            "\"plan\":{\"digest\":\"sha256:" + new string('a', 64) + "\",\"id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"revision\":2}," +
            "\"subject\":{\"id\":\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\",\"type\":\"plan\"},\"time\":\"2026-01-15T09:00:00.0000000Z\",\"v\":1}",
            Encoding.UTF8.GetString(bytes));
        Assert.True(LogEvents.IsCanonical(bytes));
        Assert.Equal(bytes, LogEvents.Serialize(LogEvents.TryParse(bytes)!));
        Assert.Equal(bytes, SortedKeys(bytes));
    }

    [Fact]
    public void Bytes_that_parse_to_the_same_event_but_differ_are_not_canonical()
    {
        var e = new LogEvent(0, DateTimeOffset.UnixEpoch, LogActions.SigningKeyChanged, LogActor.System, new LogSubject("service-key", new string('b', 64)),
            null, new Dictionary<string, string>(), new Dictionary<string, string>());
        var canonical = Encoding.UTF8.GetString(LogEvents.Serialize(e));

        Assert.DoesNotContain("\"plan\"", canonical);
        Assert.DoesNotContain("\"id\":null", canonical);
        Assert.False(LogEvents.IsCanonical(Encoding.UTF8.GetBytes(canonical.Replace(",", ", ", StringComparison.Ordinal))));
        Assert.False(LogEvents.IsCanonical(Encoding.UTF8.GetBytes(canonical + "\n")));
        Assert.False(LogEvents.IsCanonical(Encoding.UTF8.GetBytes(canonical.Replace("\"v\":1", "\"v\":1,\"extra\":0", StringComparison.Ordinal))));
        Assert.Null(LogEvents.TryParse("not json"u8));
    }

    [Fact]
    public void The_report_history_counts_consecutive_answers_to_one_run_on_one_line()
    {
        var run = new LogSubject("checklist-run", Guid.NewGuid().ToString());
        var specialist = new LogActor(Guid.NewGuid(), "specialist");
        static LogEvent Event(long index, string action, LogSubject subject, LogActor actor) =>
            new(index, DateTimeOffset.UnixEpoch.AddMinutes(index), action, actor, subject, new LogPlanRef(Plan, 1, "sha256:x"),
                new Dictionary<string, string>(), new Dictionary<string, string>());

        var history = ReportHistory.Compact(
        [
            (Event(3, LogActions.PlanCreated, LogSubject.Plan(Plan), new LogActor(Applicant, "applicant")), "申請 花子"),
            (Event(5, LogActions.RunCreated, run, specialist), "情報 太郎"),
            (Event(6, LogActions.AnswerChanged, run, specialist), "情報 太郎"),
            (Event(9, LogActions.AnswerChanged, run, specialist), "情報 太郎"),
            (Event(10, LogActions.AnswerChanged, run, specialist), "情報 太郎"),
            (Event(12, LogActions.SignoffAccepted, new LogSubject("signoff", "s"), specialist), "情報 太郎"),
        ]);

        Assert.Equal([LogActions.PlanCreated, LogActions.RunCreated, LogActions.AnswerChanged, LogActions.SignoffAccepted], history.Select(h => h.Action));
        var answers = history[2];
        Assert.Equal((6L, 10L, 3), (answers.Index, answers.Through, answers.Count));
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMinutes(10), answers.Time);
        Assert.Equal("情報 太郎", answers.Actor);
    }

    /// <summary>The same JSON with every object's members sorted, written compactly: what RFC 8785 would give for these values.</summary>
    private static byte[] SortedKeys(byte[] json)
    {
        static JsonNode? Sort(JsonNode? node) => node switch
        {
            JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
            _ => node?.DeepClone(),
        };

        return Encoding.UTF8.GetBytes(Sort(JsonNode.Parse(json))!.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}
