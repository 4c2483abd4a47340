using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessor.Api.Tests.Evidence;

/// <summary>A service that keeps evidence bytes in a folder of its own (<c>Assessor:Evidence:Storage=folder</c>).</summary>
public abstract class EvidenceFolderFactory : AssessorFactory
{
    protected EvidenceFolderFactory(TestDatabase database)
        : base(database, ownsDatabase: true)
    {
        Settings["Assessor:Evidence:Storage"] = "folder";
        Settings["Assessor:Evidence:Folder"] = Folder;
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("assessor-evidence-").FullName;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class EvidenceFolderSqliteFactory() : EvidenceFolderFactory(TestDatabase.Sqlite());

public sealed class EvidenceFolderPostgresFactory() : EvidenceFolderFactory(TestDatabase.Postgres());

/// <summary>Every evidence test again, with the bytes in a folder: the API cannot tell the difference.</summary>
public sealed class EvidenceFileTestsInFolderOnSqlite(EvidenceFolderSqliteFactory factory) : EvidenceFileTests(factory), IClassFixture<EvidenceFolderSqliteFactory>;

public sealed class EvidenceFileTestsInFolderOnPostgres(EvidenceFolderPostgresFactory factory) : EvidenceFileTests(factory), IClassFixture<EvidenceFolderPostgresFactory>;

/// <summary>What folder storage itself promises: a file per digest, whole, metadata in the database, checked on every read.</summary>
public abstract class EvidenceFolderTests(EvidenceFolderFactory factory)
{
    [SkippableFact]
    public async Task Bytes_live_in_the_folder_by_digest_and_are_never_served_once_they_change()
    {
        using var scenario = await SignoffScenario.StartAsync(factory);
        var items = scenario.Items().Select(i => i.Id).ToList();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(EvidenceFileTests.Pdf));
        Assert.Equal(HttpStatusCode.Created, (await EvidenceFileTests.UploadAsync(scenario, items[0], EvidenceFileTests.Pdf, "diagram.pdf")).StatusCode);

        // ab/cd/abcd…: the exact bytes, nothing left half-written beside it; the database has the metadata and no bytes.
        var path = Path.Combine(factory.Folder, sha256[..2], sha256[2..4], sha256);
        Assert.Equal(EvidenceFileTests.Pdf, await File.ReadAllBytesAsync(path));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.Folder, ".incoming")));
        var row = await BlobAsync(sha256);
        Assert.Equal(("folder", EvidenceFileTests.Pdf.LongLength, 0), (row.StoredIn, row.Size, row.Content.Length));
        var download = $"/api/v1/plans/{scenario.PlanId}/evidence/{sha256}";
        Assert.Equal(EvidenceFileTests.Pdf, await scenario.Applicant.GetByteArrayAsync(download));

        // Changed on disk: refused, never served as the file the digest names.
        await File.WriteAllBytesAsync(path, [.. EvidenceFileTests.Pdf, (byte)' ']);
        Assert.Equal("evidence-damaged", await (await scenario.Applicant.GetAsync(download)).ProblemCodeAsync(HttpStatusCode.InternalServerError));

        // Uploading the same file again puts the right bytes back.
        Assert.Equal(HttpStatusCode.Created, (await EvidenceFileTests.UploadAsync(scenario, items[1], EvidenceFileTests.Pdf, "diagram.pdf")).StatusCode);
        Assert.Equal(EvidenceFileTests.Pdf, await scenario.Specialist.GetByteArrayAsync(download));

        // Gone from disk: the same refusal.
        File.Delete(path);
        Assert.Equal("evidence-damaged", await (await scenario.Specialist.GetAsync(download)).ProblemCodeAsync(HttpStatusCode.InternalServerError));
    }

    private async Task<(string StoredIn, long Size, byte[] Content)> BlobAsync(string sha256)
    {
        await using DbConnection connection = factory.Database.Provider == "sqlite"
            ? new SqliteConnection(factory.Database.ConnectionString)
            : new NpgsqlConnection(factory.Database.ConnectionString);
        return await connection.QuerySingleAsync<(string, long, byte[])>(
            "SELECT stored_in, size, content FROM evidence_blobs WHERE sha256 = @sha256", new { sha256 });
    }
}

public sealed class EvidenceFolderTestsOnSqlite(EvidenceFolderSqliteFactory factory) : EvidenceFolderTests(factory), IClassFixture<EvidenceFolderSqliteFactory>;

public sealed class EvidenceFolderTestsOnPostgres(EvidenceFolderPostgresFactory factory) : EvidenceFolderTests(factory), IClassFixture<EvidenceFolderPostgresFactory>;
