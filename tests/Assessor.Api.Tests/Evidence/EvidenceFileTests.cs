using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessor.Service.Evidence;

namespace Assessor.Api.Tests.Evidence;

public abstract class EvidenceFileTests(AssessorFactory factory)
{
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    [SkippableFact]
    public async Task An_uploaded_file_is_stored_by_digest_signed_by_reference_and_readable_by_the_plans_readers()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var item = scenario.Items().First(i => i.Mandatory).Id;

        // The type sent is ignored: the bytes say PDF.
        var uploaded = await UploadAsync(scenario, item, Pdf, "network-diagram.pdf", "text/html");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var file = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(sha256, file.GetProperty("sha256").GetString());
        Assert.Equal(EvidenceTypes.Pdf, file.GetProperty("mediaType").GetString());
        Assert.Equal(Pdf.Length, file.GetProperty("size").GetInt64());
        Assert.Equal($"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}", uploaded.Headers.Location!.OriginalString);

        var listed = await scenario.Specialist.GetFromJsonAsync<JsonElement>($"/api/v1/checklist-runs/{scenario.RunId}/evidence");
        Assert.Equal((item, "network-diagram.pdf"), (listed[0].GetProperty("itemId").GetString(), listed[0].GetProperty("name").GetString()));

        // Named in the answer, the file's digest is in the statement the specialist signs.
        await scenario.AnswerAllAsync();
        await scenario.AnswerAsync(item, new { answer = "satisfied", evidence = new[] { new { name = "network-diagram.pdf", sha256 } } });
        Assert.Contains(sha256, Encoding.UTF8.GetString(await scenario.StatementAsync()));
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);

        // Everyone who may read the plan gets the exact bytes; nobody else learns the file exists.
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        foreach (var reader in new[] { scenario.Applicant, scenario.Specialist, reviewer })
        {
            var download = await reader.GetAsync(file.GetProperty("download").GetString());
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal(EvidenceTypes.Pdf, download.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"\"sha256:{sha256}\"", download.Headers.ETag!.Tag);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        }

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, file.GetProperty("download").GetString());
        revalidate.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"sha256:{sha256}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await reviewer.SendAsync(revalidate)).StatusCode);
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("975318642097"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(file.GetProperty("download").GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/v1/plans/{scenario.PlanId}/evidence/{new string('0', 64)}")).StatusCode);

        // Once signed, the evidence neither grows nor shrinks.
        Assert.Equal("already-signed", await (await scenario.Specialist.DeleteAsync(
            $"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{sha256}")).ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("already-signed", await (await UploadAsync(scenario, item, "more notes"u8.ToArray(), "notes.txt"))
            .ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.GetAsync(file.GetProperty("download").GetString())).StatusCode);

        // The audit log names the file by digest; the OSCAL export links to it.
        var history = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/history");
        var attached = history.GetProperty("events").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "evidence.attached");
        Assert.Equal($"sha256:{sha256}", attached.GetProperty("digests").GetProperty("evidence").GetString());
        var oscal = await scenario.Applicant.GetStringAsync($"/api/v1/plans/{scenario.PlanId}/oscal");
        Assert.Contains($"\"href\": \"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}\"", oscal);
    }

    [SkippableFact]
    public async Task The_applicant_uploads_to_runs_on_its_own_plan_and_takes_back_only_its_own_files()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var item = scenario.Items().First(i => i.Mandatory).Id;
        var policy = "情報セキュリティ基本方針 第1版\n"u8.ToArray();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(policy));

        // The plan's applicant uploads to the specialist's run; the bytes say what it is, the same limits apply.
        var uploaded = await UploadAsync(scenario.Applicant, scenario, item, policy, "policy.txt", "application/pdf");
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(EvidenceTypes.Text, (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mediaType").GetString());
        Assert.Equal("unsupported-evidence-type", await (await UploadAsync(scenario.Applicant, scenario, item, [0x00, 0xFF], "blob.bin"))
            .ProblemCodeAsync(HttpStatusCode.UnsupportedMediaType));
        Assert.Equal("evidence-too-large", await (await UploadAsync(scenario.Applicant, scenario, item, new byte[(10 * 1024 * 1024) + 1], "huge.pdf"))
            .ProblemCodeAsync(HttpStatusCode.RequestEntityTooLarge));

        // The specialist sees it listed and may name it; both list the same files; every reader of the plan downloads it.
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(scenario, item, Pdf, "diagram.pdf")).StatusCode);
        var bySpecialist = await scenario.Specialist.GetStringAsync($"/api/v1/checklist-runs/{scenario.RunId}/evidence");
        Assert.Equal(bySpecialist, await scenario.Applicant.GetStringAsync($"/api/v1/checklist-runs/{scenario.RunId}/evidence"));
        Assert.Contains(sha256, bySpecialist);
        using var reviewer = (await factory.NewPrincipalAsync("reviewer")).Client;
        foreach (var reader in new[] { scenario.Applicant, scenario.Specialist, reviewer })
        {
            Assert.Equal(policy, await reader.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}"));
        }

        // Another company's applicant learns nothing of the run: not found, like a missing one.
        using var stranger = await factory.ApplicantAsync(TestPlans.OtherCorporateNumber("246813579024"));
        Assert.Equal("not-found", await (await UploadAsync(stranger, scenario, item, policy, "policy.txt")).ProblemCodeAsync(HttpStatusCode.NotFound));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/checklist-runs/{scenario.RunId}/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{sha256}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}")).StatusCode);

        // The applicant takes back its own file, never the specialist's; the log names the applicant.
        var pdf = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Applicant.DeleteAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{pdf}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Applicant.DeleteAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{sha256}")).StatusCode);
        var history = await scenario.Applicant.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{scenario.PlanId}/history");
        Assert.Equal(["applicant", "specialist", "applicant"], history.GetProperty("events").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() is "evidence.attached" or "evidence.detached")
            .Select(e => e.GetProperty("actor").GetProperty("role").GetString()!));

        // Once signed, the applicant can neither add nor take back.
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(scenario.Applicant, scenario, item, policy, "policy.txt")).StatusCode);
        await scenario.AnswerAllAsync();
        Assert.Equal(HttpStatusCode.Created, (await scenario.SignAndSubmitAsync()).StatusCode);
        Assert.Equal("already-signed", await (await UploadAsync(scenario.Applicant, scenario, item, "more"u8.ToArray(), "more.txt"))
            .ProblemCodeAsync(HttpStatusCode.Conflict));
        Assert.Equal("already-signed", await (await scenario.Applicant.DeleteAsync(
            $"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{sha256}")).ProblemCodeAsync(HttpStatusCode.Conflict));
    }

    [SkippableFact]
    public async Task Files_are_checked_before_they_are_kept()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var item = scenario.Items().First().Id;

        Assert.Equal("unsupported-evidence-type", await (await UploadAsync(scenario, item, [0x00, 0x01, 0x02, 0xFF], "blob.bin"))
            .ProblemCodeAsync(HttpStatusCode.UnsupportedMediaType));
        Assert.Equal("unsupported-evidence-type", await (await UploadAsync(scenario, item, Zip(("readme.txt", "hi")), "archive.zip"))
            .ProblemCodeAsync(HttpStatusCode.UnsupportedMediaType));
        Assert.Equal("evidence-too-large", await (await UploadAsync(scenario, item, new byte[(10 * 1024 * 1024) + 1], "huge.pdf"))
            .ProblemCodeAsync(HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("validation", await (await UploadAsync(scenario, item, [], "empty.txt")).ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("validation", await (await UploadAsync(scenario, item, Pdf, " ")).ProblemCodeAsync(HttpStatusCode.BadRequest));
        Assert.Equal("not-found", await (await UploadAsync(scenario, "NO-SUCH-ITEM", Pdf, "a.pdf")).ProblemCodeAsync(HttpStatusCode.NotFound));

        // Office documents are recognised by their parts; the same file twice on one item is a conflict, on another item it is kept once.
        var docx = Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>"));
        var created = await (await UploadAsync(scenario, item, docx, "policy.docx")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(EvidenceTypes.Docx, created.GetProperty("mediaType").GetString());
        Assert.Equal("evidence-exists", await (await UploadAsync(scenario, item, docx, "policy-again.docx")).ProblemCodeAsync(HttpStatusCode.Conflict));
        var other = scenario.Items().Skip(1).First().Id;
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(scenario, other, docx, "policy.docx")).StatusCode);
        Assert.Equal(2, (await scenario.Specialist.GetFromJsonAsync<JsonElement>($"/api/v1/checklist-runs/{scenario.RunId}/evidence")).GetArrayLength());

        // Before the sign-off a file can be detached; it then stays readable only while another item still has it.
        var sha256 = created.GetProperty("sha256").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Specialist.DeleteAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{sha256}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Specialist.DeleteAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence/{sha256}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Specialist.DeleteAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{other}/evidence/{sha256}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Applicant.GetAsync($"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}")).StatusCode);

        // A reviewer never uploads.
        using var outsider = (await factory.NewPrincipalAsync("reviewer")).Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence?name=a.pdf", new ByteArrayContent(Pdf))).StatusCode);
    }

    internal static Task<HttpResponseMessage> UploadAsync(SignoffScenario scenario, string item, byte[] body, string name, string contentType = "application/octet-stream") =>
        UploadAsync(scenario.Specialist, scenario, item, body, name, contentType);

    internal static Task<HttpResponseMessage> UploadAsync(
        HttpClient uploader, SignoffScenario scenario, string item, byte[] body, string name, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return uploader.PostAsync($"/api/v1/checklist-runs/{scenario.RunId}/items/{item}/evidence?name={Uri.EscapeDataString(name)}", content);
    }

    internal static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }
}

public sealed class EvidenceFileTestsOnSqlite(SqliteFactory factory) : EvidenceFileTests(factory), IClassFixture<SqliteFactory>;

public sealed class EvidenceFileTestsOnPostgres(PostgresFactory factory) : EvidenceFileTests(factory), IClassFixture<PostgresFactory>;

/// <summary>What the sniffer accepts, straight from bytes.</summary>
public sealed class EvidenceTypesTests
{
    [Theory]
    [InlineData("plain text, 日本語\r\n\tindented", EvidenceTypes.Text)]
    [InlineData("\u0000binary", null)]
    [InlineData("\u001b[31mterminal escape", null)]
    public void Text_is_valid_UTF8_without_control_characters(string text, string? expected) =>
        Assert.Equal(expected, EvidenceTypes.Sniff(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Images_are_recognised_by_their_signatures()
    {
        Assert.Equal(EvidenceTypes.Png, EvidenceTypes.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]));
        Assert.Equal(EvidenceTypes.Jpeg, EvidenceTypes.Sniff([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Null(EvidenceTypes.Sniff([0xC3, 0x28]));
        Assert.Equal(EvidenceTypes.Xlsx, EvidenceTypes.Sniff(EvidenceFileTests.Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>"))));
        Assert.Null(EvidenceTypes.Sniff(Encoding.ASCII.GetBytes("PK\u0003\u0004 not really a zip")));
    }
}

/// <summary>The upload through Kestrel itself, whose request limit the in-memory test server does not apply.</summary>
public sealed class EvidenceOnARealServerTests
{
    [SkippableFact]
    public async Task A_real_server_takes_files_larger_than_a_plan_document_up_to_the_evidence_limit()
    {
        // Kestrel's request limit is sized for plan documents (1 MiB); the upload raises it for itself, up to the evidence limit.
        using var database = TestDatabase.Sqlite();
        await using var service = ServiceProcess.Start(database, "--Assessor:Evidence:MaxBytes", "3145728");
        await service.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var scenario = await SignoffScenario.StartAsync(service);
        var item = scenario.Items().First().Id;
        var large = new byte[2 * 1024 * 1024];
        EvidenceFileTests.Pdf.CopyTo(large, 0);

        Assert.Equal(HttpStatusCode.Created, (await EvidenceFileTests.UploadAsync(scenario, item, large, "scan.pdf")).StatusCode);
        Assert.Equal(large, await scenario.Applicant.GetByteArrayAsync($"/api/v1/plans/{scenario.PlanId}/evidence/{Convert.ToHexStringLower(SHA256.HashData(large))}"));
        Assert.Equal("evidence-too-large", await (await EvidenceFileTests.UploadAsync(scenario, item, new byte[(3 * 1024 * 1024) + 1], "bigger.pdf"))
            .ProblemCodeAsync(HttpStatusCode.RequestEntityTooLarge));
    }
}
