using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Assessor.Cli;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;

namespace Assessor.Api.Tests;

/// <summary>assessor-cli, run in-process through its entry point with captured output and error streams.</summary>
public sealed class CliTests : IDisposable
{
    private static readonly string[] Commands = ["keygen", "sign", "verify", "verify-report"];

    private readonly string folder = Directory.CreateTempSubdirectory("assessor-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_is_printed_to_standard_output_with_exit_0(string help)
    {
        var (exit, output, error) = Run(help);

        Assert.Equal(CliCommands.Ok, exit);
        Assert.Empty(error);
        foreach (var command in Commands)
        {
            Assert.Contains($"assessor-cli {command} ", output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("keygen", "--force")]
    [InlineData("sign", "--statement")]
    [InlineData("verify", "--write-pae")]
    [InlineData("verify-report", "--write-sig")]
    public void Each_command_prints_its_own_help(string command, string option)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (exit, output, error) = Run(command, help);

            Assert.Equal(CliCommands.Ok, exit);
            Assert.Empty(error);
            Assert.Contains($"assessor-cli {command} ", output, StringComparison.Ordinal);
            Assert.Contains(option, output, StringComparison.Ordinal);
            foreach (var other in Commands.Where(c => c != command))
            {
                Assert.DoesNotContain($"assessor-cli {other} ", output, StringComparison.Ordinal);
            }
        }

        Assert.Equal((CliCommands.Ok, Run(command, "--help").Output, ""), Run("help", command));
    }

    [Fact]
    public void Usage_errors_still_go_to_standard_error_with_exit_2()
    {
        Assert.Equal(CliCommands.Usage, Run().Exit);
        var (exit, output, error) = Run("keygen");

        Assert.Equal(CliCommands.Usage, exit);
        Assert.Empty(output);
        Assert.Contains("--out is required", error, StringComparison.Ordinal);
        Assert.Contains("unknown option --outt", Run("keygen", "--outt", "x").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_refuses_to_overwrite_an_existing_key_unless_forced()
    {
        var name = Path.Combine(folder, "specialist");
        Assert.Equal(CliCommands.Ok, Run("keygen", "--out", name).Exit);
        var privateKey = File.ReadAllText($"{name}.key.pem");
        var publicKey = File.ReadAllText($"{name}.pub.pem");

        var (exit, _, error) = Run("keygen", "--out", name);

        Assert.NotEqual(CliCommands.Ok, exit);
        Assert.Contains("--force", error, StringComparison.Ordinal);
        Assert.Equal(privateKey, File.ReadAllText($"{name}.key.pem"));
        Assert.Equal(publicKey, File.ReadAllText($"{name}.pub.pem"));

        // Only the public half left over: still refused, or the pair would no longer match.
        File.Delete($"{name}.key.pem");
        Assert.NotEqual(CliCommands.Ok, Run("keygen", "--out", name).Exit);
        Assert.False(File.Exists($"{name}.key.pem"));

        Assert.Equal(CliCommands.Ok, Run("keygen", "--out", name, "--force").Exit);
        Assert.NotEqual(publicKey, File.ReadAllText($"{name}.pub.pem"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode($"{name}.key.pem"));
        }
    }

    [Fact]
    public void Sign_with_a_public_key_or_a_key_of_another_kind_says_what_it_needs()
    {
        var name = Path.Combine(folder, "specialist");
        Run("keygen", "--out", name);
        var statement = Path.Combine(folder, "statement.json");
        File.WriteAllText(statement, "{}");
        using var rsa = RSA.Create(2048);
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var keys = new Dictionary<string, string>
        {
            [$"{name}.pub.pem"] = "public key",
            [Write("rsa.pem", rsa.ExportPkcs8PrivateKeyPem())] = "ECDSA P-256",
            [Write("p384.pem", p384.ExportPkcs8PrivateKeyPem())] = "P-256",
            [Write("encrypted.pem", p384.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000)))] = "encrypted",
            [Write("text.pem", "not a key")] = "PEM",
        };

        foreach (var (key, expected) in keys)
        {
            var (exit, output, error) = Run("sign", "--key", key, "--statement", statement, "--out", Path.Combine(folder, "envelope.json"));

            Assert.Equal(CliCommands.Usage, exit);
            Assert.Empty(output);
            Assert.StartsWith($"error: {key} ", error, StringComparison.Ordinal);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            Assert.DoesNotContain("error:0", error, StringComparison.Ordinal); // OpenSSL's own codes, e.g. error:1E08010C
            Assert.False(File.Exists(Path.Combine(folder, "envelope.json")));
        }
    }

    [Fact]
    public void Verify_given_a_report_envelope_says_so_instead_of_crashing()
    {
        var (envelope, publicKey, _) = SignedReport();

        var (exit, output, error) = Run("verify", "--envelope", envelope, "--public-key", publicKey);

        Assert.Equal(CliCommands.Invalid, exit);
        Assert.Empty(error);
        Assert.StartsWith("INVALID:", output, StringComparison.Ordinal);
        Assert.Contains("verify-report", output, StringComparison.Ordinal);
        Assert.DoesNotContain("VALID: signed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_refuses_a_security_statement_with_missing_parts_without_crashing()
    {
        var publicKey = Path.Combine(folder, "k.pub.pem");
        Run("keygen", "--out", Path.Combine(folder, "k"));
        var statement = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            _type = InTotoStatements.StatementType,
            subject = new[] { new { name = "plans/x/revisions/1", digest = new { sha256 = new string('a', 64) } } },
            predicateType = SecurityStatement.PredicateType,
            predicate = new { runId = Guid.NewGuid() },
        }));
        var envelope = Sign(Path.Combine(folder, "k.key.pem"), statement);

        var (exit, output, _) = Run("verify", "--envelope", envelope, "--public-key", publicKey);

        Assert.Equal(CliCommands.Invalid, exit);
        Assert.StartsWith("INVALID:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_report_names_the_digest_of_the_file_it_was_given()
    {
        var (envelope, publicKey, files) = SignedReport();
        foreach (var file in files)
        {
            var (exit, output, _) = Run("verify-report", "--report", file, "--envelope", envelope, "--public-key", publicKey);

            Assert.Equal(CliCommands.Ok, exit);
            Assert.Contains($"file:     sha256:{Sha256Of(file)}", output, StringComparison.Ordinal);
        }

        var html = Run("verify-report", "--report", files[0], "--envelope", envelope, "--public-key", publicKey).Output;
        Assert.DoesNotContain($"file:     sha256:{Sha256Of(files[1])}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_report_writes_the_signed_bytes_and_signature_for_an_openssl_check()
    {
        var (envelope, publicKey, files) = SignedReport();
        var pae = Path.Combine(folder, "pae.bin");
        var sig = Path.Combine(folder, "sig.der");

        var (exit, output, error) = Run("verify-report", "--report", files[0], "--envelope", envelope, "--public-key", publicKey,
            "--write-pae", pae, "--write-sig", sig);

        Assert.True(exit == CliCommands.Ok, output + error);
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(publicKey));
        Assert.True(key.VerifyData(File.ReadAllBytes(pae), File.ReadAllBytes(sig), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var payload = Convert.FromBase64String(JsonDocument.Parse(File.ReadAllBytes(envelope)).RootElement.GetProperty("payload").GetString()!);
        Assert.Equal(Dsse.Pae(Dsse.InTotoPayloadType, payload), File.ReadAllBytes(pae));
    }

    /// <summary>A report's files and the service-style envelope over a statement naming them, signed by a key made here.</summary>
    private (string Envelope, string PublicKey, string[] Files) SignedReport()
    {
        var name = Path.Combine(folder, "service");
        Assert.Equal(CliCommands.Ok, Run("keygen", "--out", name).Exit);
        var html = Write("plan-r1.html", "<!DOCTYPE html><p>報告書</p>");
        var json = Write("plan-r1.json", "{\"report\":1}");
        var statement = ReportStatement.Create(
            [("plan-r1.html", Sha256Of(html)), ("plan-r1.json", Sha256Of(json))],
            new CertificationPredicate(Guid.NewGuid(), 1, "sha256:" + new string('b', 64), Decision.Certify, DateTimeOffset.UnixEpoch, "審査 一郎", "sha256:" + Sha256Of(json)));
        return (Sign($"{name}.key.pem", InTotoStatements.Serialize(statement)), $"{name}.pub.pem", [html, json]);
    }

    private string Sign(string privateKeyPath, byte[] statement)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(privateKeyPath));
        return Write($"envelope-{Guid.NewGuid():N}.json", JsonSerializer.Serialize(Dsse.Sign(key, Dsse.InTotoPayloadType, statement), PlanJson.Options));
    }

    private string Write(string fileName, string text)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliCommands.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
