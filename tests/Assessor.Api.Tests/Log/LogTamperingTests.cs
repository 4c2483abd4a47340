using System.Data.Common;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessor.Cli;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessor.Api.Tests.Log;

/// <summary>
/// Someone with write access to the database edits it behind the service's back: <c>verify-log</c> names what was
/// changed, and the proofs a ministry checks with the CLI against a checkpoint it kept fail.
/// </summary>
public abstract class LogTamperingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("assessor-tamper-").FullName;

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected abstract TestDatabase NewDatabase();

    [SkippableFact]
    public async Task An_edited_event_row_fails_verify_log_and_the_inclusion_check()
    {
        using var database = NewDatabase();
        await using var factory = new AssessorFactory(database);
        var (log, created, keyPath) = await LogWithAPlanAsync(factory);
        var kept = log.Save("checkpoint.json", await log.CheckpointAsync());
        var entries = await log.EntriesAsync();
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[created]).Replace("\"role\":\"applicant\"", "\"role\":\"admin\"", StringComparison.Ordinal));
        Assert.NotEqual(entries[created], tampered);

        await ExecuteAsync(database, "UPDATE log_events SET body = @tampered WHERE idx = @created", new { tampered, created });

        var verified = await log.VerifyAsync();
        Assert.False(verified.GetProperty("ok").GetBoolean());
        Assert.StartsWith($"event {created} (plan.created): its bytes do not hash to leaf {created}", verified.GetProperty("mismatches")[0].GetString());
        var served = (await log.EntriesAsync())[created];
        Assert.Equal(tampered, served);
        var (proof, _) = await log.InclusionAsync(created, verified.GetProperty("size").GetInt64());
        var (exit, output) = LogHttp.Cli("log", "verify-inclusion", "--checkpoint", kept, "--public-key", keyPath,
            "--entry", log.Save("entry.json", served), "--proof", log.Save("proof.json", proof));
        Assert.Equal(CliCommands.Invalid, exit);
        Assert.StartsWith("INVALID:", output, StringComparison.Ordinal);

        var command = await LogHttp.VerifyLogCommandAsync(database);
        Assert.Equal(1, command.Exit);
        Assert.Contains($"FAILED: event {created} (plan.created)", command.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Edited_revision_bytes_fail_verify_log_and_the_revision_check()
    {
        using var database = NewDatabase();
        await using var factory = new AssessorFactory(database);
        var (log, created, keyPath) = await LogWithAPlanAsync(factory);
        var kept = log.Save("checkpoint.json", await log.CheckpointAsync());
        var entry = (await log.EntriesAsync())[created];
        var planId = JsonDocument.Parse(entry).RootElement.GetProperty("plan").GetProperty("id").GetGuid();
        var original = Encoding.UTF8.GetString(TestPlans.ExampleBytes());
        var changed = Encoding.UTF8.GetBytes(original.Replace("42000000", "92000000", StringComparison.Ordinal));
        Assert.NotEqual(original, Encoding.UTF8.GetString(changed));

        // A careful forger updates the stored digest too.
        await ExecuteAsync(database, "UPDATE plan_revisions SET body = @changed, sha256 = @sha256 WHERE plan_id = @planId AND number = 1",
            new { changed, sha256 = Convert.ToHexStringLower(SHA256.HashData(changed)), planId });

        var verified = await log.VerifyAsync();
        Assert.False(verified.GetProperty("ok").GetBoolean());
        Assert.StartsWith($"event {created} (plan.created): revision 1 of plan {planId} has sha256:", verified.GetProperty("mismatches")[0].GetString());
        var size = verified.GetProperty("size").GetInt64();
        var (proof, _) = await log.InclusionAsync(created, size);
        string[] inclusion = ["log", "verify-inclusion", "--checkpoint", kept, "--public-key", keyPath, "--entry", log.Save("entry.json", entry),
            "--proof", log.Save("proof.json", proof)];
        Assert.Equal(CliCommands.Ok, LogHttp.Cli(inclusion).Exit);
        using var admin = factory.Admin();
        var revision = log.Save("revision-1.json", await admin.GetByteArrayAsync($"/api/v1/plans/{planId}/revisions/1"));
        var (exit, output) = LogHttp.Cli([.. inclusion, "--revision", revision]);
        Assert.Equal(CliCommands.Invalid, exit);
        Assert.Contains("the revision was altered", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_rewritten_log_fails_the_consistency_check_against_a_kept_checkpoint()
    {
        using var database = NewDatabase();
        await using var factory = new AssessorFactory(database);
        var (log, created, keyPath) = await LogWithAPlanAsync(factory);
        var keptCheckpoint = await log.CheckpointAsync();
        var kept = log.Save("checkpoint.json", keptCheckpoint);
        var keptSize = keptCheckpoint.GetProperty("size").GetInt64();
        var entries = await log.EntriesAsync();

        // The forger rewrites an event and every tree hash after it, consistently, with a tree implementation of their own.
        entries[created] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(entries[created]).Replace("\"role\":\"applicant\"", "\"role\":\"admin\"", StringComparison.Ordinal));
        var leaves = entries.Select(Rfc9162.Leaf).ToList();
        await ExecuteAsync(database, "UPDATE log_events SET body = @body WHERE idx = @created", new { body = entries[created], created });
        foreach (var (level, index, hash) in Rfc9162.Subtrees(leaves))
        {
            await ExecuteAsync(database, "UPDATE log_nodes SET hash = @hash WHERE ends_at = @last AND level = @level", new { hash, last = ((index + 1) << level) - 1, level });
        }

        await ExecuteAsync(database, "UPDATE log_state SET frontier = @edge WHERE id = 1", new { edge = Rfc9162.RightEdge(leaves) });

        // The service goes on appending and signs the rewritten tree; the proofs a ministry asks for now are self-consistent.
        await factory.NewPrincipalAsync("reviewer");
        var newer = await log.CheckpointAsync();
        var newSize = newer.GetProperty("size").GetInt64();
        Assert.Equal(keptSize + 1, newSize);
        var (consistency, _) = await log.ConsistencyAsync(keptSize, newSize);

        var (exit, output) = LogHttp.Cli("log", "verify-consistency", "--old", kept, "--new", log.Save("newer.json", newer), "--public-key", keyPath,
            "--proof", log.Save("consistency.json", consistency));

        Assert.Equal(CliCommands.Invalid, exit);
        Assert.Contains("it was rewritten", output, StringComparison.Ordinal);
        var (inclusion, _) = await log.InclusionAsync(created, keptSize);
        Assert.Equal(CliCommands.Invalid, LogHttp.Cli("log", "verify-inclusion", "--checkpoint", kept, "--public-key", keyPath,
            "--entry", log.Save("entry.json", entries[created]), "--proof", log.Save("inclusion.json", inclusion)).Exit);
        var verified = await log.VerifyAsync();
        Assert.False(verified.GetProperty("ok").GetBoolean());
        Assert.StartsWith($"the signed checkpoint of {keptSize} events has root", verified.GetProperty("mismatches")[0].GetString());
    }

    /// <summary>A fresh log holding a submitted plan with a run; returns the index of the plan's creation and the service's public key file.</summary>
    private async Task<(LogHttp Log, int Created, string KeyPath)> LogWithAPlanAsync(AssessorFactory factory)
    {
        using (await SignoffScenario.StartAsync(factory))
        {
        }

        var log = new LogHttp(factory, folder);
        var entries = await log.EntriesAsync();
        var created = entries.FindIndex(e => JsonDocument.Parse(e).RootElement.GetProperty("action").GetString() == "plan.created");
        Assert.True((await log.VerifyAsync()).GetProperty("ok").GetBoolean());
        return (log, created, log.Save("service.pub.pem", await log.PublicKeyPemAsync()));
    }

    private static async Task ExecuteAsync(TestDatabase database, string sql, object parameters)
    {
        await using DbConnection connection = database.Provider == "sqlite"
            ? new SqliteConnection(database.ConnectionString)
            : new NpgsqlConnection(database.ConnectionString);
        Assert.Equal(1, await connection.ExecuteAsync(sql, parameters));
    }
}

public sealed class LogTamperingTestsOnSqlite : LogTamperingTests
{
    protected override TestDatabase NewDatabase() => TestDatabase.Sqlite();
}

public sealed class LogTamperingTestsOnPostgres : LogTamperingTests
{
    protected override TestDatabase NewDatabase() => TestDatabase.Postgres();
}
