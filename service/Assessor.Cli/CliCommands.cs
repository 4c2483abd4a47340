using System.Security.Cryptography;
using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;

namespace Assessor.Cli;

/// <summary>
/// keygen / sign / verify. The private key stays on the specialist's machine: the service only ever sees
/// the public key and the envelope.
/// </summary>
public static class CliCommands
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    private const string UsageText = """
        usage:
          assessor-cli keygen --out <name>                       writes <name>.key.pem (private) and <name>.pub.pem (public)
          assessor-cli sign --key <key.pem> --statement <file> --out <envelope.json>
          assessor-cli verify --envelope <envelope.json> --public-key <pub.pem> [--revision <plan.json>]
                              [--write-pae <file>] [--write-sig <file>]   (the signed bytes and DER signature, for openssl)
          assessor-cli verify-report --report <file> --envelope <envelope.json or GET /reports/{digest} answer> --public-key <service.pub.pem>
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var options = ParseOptions(args.Skip(1));
            return args.FirstOrDefault() switch
            {
                "keygen" => Keygen(Required(options, "out"), output),
                "sign" => Sign(Required(options, "key"), Required(options, "statement"), Required(options, "out"), output),
                "verify" => Verify(Required(options, "envelope"), Required(options, "public-key"), options.GetValueOrDefault("revision"),
                    options.GetValueOrDefault("write-pae"), options.GetValueOrDefault("write-sig"), output),
                "verify-report" => VerifyReport(Required(options, "report"), Required(options, "envelope"), Required(options, "public-key"), output),
                _ => Fail(error, UsageText),
            };
        }
        catch (UsageException ex)
        {
            return Fail(error, $"{ex.Message}\n{UsageText}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or JsonException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return Usage;
        }
    }

    public static int Keygen(string name, TextWriter output)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privatePath = $"{name}.key.pem";
        File.WriteAllText(privatePath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText($"{name}.pub.pem", key.ExportSubjectPublicKeyInfoPem());
        output.WriteLine($"private key: {privatePath} (keep it; never upload it)");
        output.WriteLine($"public key:  {name}.pub.pem (give this to the registry admin)");
        output.WriteLine($"keyid:       {KeyIds.Of(key)}");
        return Ok;
    }

    public static int Sign(string keyPath, string statementPath, string outPath, TextWriter output)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyPath));
        var statement = File.ReadAllBytes(statementPath);
        var envelope = Dsse.Sign(key, Dsse.InTotoPayloadType, statement);
        File.WriteAllText(outPath, JsonSerializer.Serialize(envelope, PlanJson.Options));
        output.WriteLine($"signed {statement.Length} bytes with keyid {envelope.Signatures[0].Keyid} → {outPath}");
        return Ok;
    }

    public static int Verify(string envelopePath, string publicKeyPath, string? revisionPath, string? paePath, string? sigPath, TextWriter output)
    {
        var envelope = ReadEnvelope(envelopePath);
        var checkedSignature = CheckSignature(envelope, publicKeyPath);
        if (checkedSignature.Problem is { } problem)
        {
            output.WriteLine($"INVALID: {problem}");
            return Invalid;
        }

        var (payload, signature, keyId) = (checkedSignature.Payload!, checkedSignature.Signature!, checkedSignature.KeyId);
        if (paePath is not null)
        {
            File.WriteAllBytes(paePath, Dsse.Pae(envelope.PayloadType, payload));
        }

        if (sigPath is not null)
        {
            File.WriteAllBytes(sigPath, Dsse.TryFromBase64(signature.Sig)!);
        }

        var statement = InTotoStatements.TryParse<SecurityPredicate>(payload);
        if (statement is null || statement.Subject.Count == 0)
        {
            output.WriteLine("INVALID: the signed payload is not a security attestation statement");
            return Invalid;
        }

        var subject = statement.Subject[0];
        if (revisionPath is not null)
        {
            var actual = Sha256Of(revisionPath);
            if (!subject.Digest.TryGetValue("sha256", out var expected) || expected != actual)
            {
                output.WriteLine($"INVALID: {revisionPath} has sha256 {actual}, the statement attests {expected}");
                return Invalid;
            }
        }

        var predicate = statement.Predicate;
        output.WriteLine($"VALID: signed by keyid {keyId}");
        output.WriteLine($"  subject:    {subject.Name} sha256:{subject.Digest.GetValueOrDefault("sha256")}{(revisionPath is null ? "" : " (matches the revision file)")}");
        output.WriteLine($"  specialist: {predicate.Specialist.Name} ({predicate.Specialist.Kind.ToWire()}, registration {predicate.Specialist.RegistrationNumber})");
        output.WriteLine($"  checklist:  {predicate.Checklist.Id} v{predicate.Checklist.Version}, {predicate.Answers.Count} answers, verdict {predicate.Verdict.ToString().ToLowerInvariant()}");
        return Ok;
    }

    /// <summary>A report file is genuine when the service's signature covers a statement naming the file's SHA-256.</summary>
    public static int VerifyReport(string reportPath, string envelopePath, string publicKeyPath, TextWriter output)
    {
        var checkedSignature = CheckSignature(ReadEnvelope(envelopePath), publicKeyPath);
        if (checkedSignature.Problem is { } problem)
        {
            output.WriteLine($"INVALID: {problem}");
            return Invalid;
        }

        var statement = InTotoStatements.TryParse<CertificationPredicate>(checkedSignature.Payload!);
        if (statement is null || statement.PredicateType != ReportStatement.PredicateType)
        {
            output.WriteLine("INVALID: the signed payload is not a certification report statement");
            return Invalid;
        }

        var actual = Sha256Of(reportPath);
        var subject = statement.Subject.FirstOrDefault(s => s.Digest.GetValueOrDefault("sha256") == actual);
        if (subject is null)
        {
            output.WriteLine($"INVALID: {reportPath} (sha256 {actual}) is not one of the files this signature certifies; it was altered or belongs to another report");
            return Invalid;
        }

        var predicate = statement.Predicate;
        output.WriteLine($"VALID: {Path.GetFileName(reportPath)} is {subject.Name}, signed by the service key {checkedSignature.KeyId}");
        output.WriteLine($"  plan:     {predicate.PlanId} revision {predicate.Revision} ({predicate.PlanDigest})");
        output.WriteLine($"  decision: {predicate.Decision} by {predicate.Reviewer} at {predicate.DecidedAt:O}");
        output.WriteLine($"  report:   {predicate.ReportDigest}");
        return Ok;
    }

    private sealed record SignatureCheck(string? Problem, byte[]? Payload, DsseSignature? Signature, string? KeyId);

    private static SignatureCheck CheckSignature(DsseEnvelope envelope, string publicKeyPath)
    {
        using var publicKey = KeyIds.TryImportP256PublicKey(File.ReadAllText(publicKeyPath), out var reason);
        var payload = Dsse.TryFromBase64(envelope.Payload);
        var keyId = publicKey is null ? null : KeyIds.Of(publicKey);
        var signature = envelope.Signatures.FirstOrDefault(s => s.Keyid == keyId);
        var problem = publicKey is null ? reason
            : envelope.PayloadType != Dsse.InTotoPayloadType ? $"payloadType is {envelope.PayloadType}, not {Dsse.InTotoPayloadType}"
            : payload is null ? "the payload is not base64"
            : signature is null ? $"no signature by this key (keyid {keyId})"
            : !Dsse.Verify(publicKey, envelope.PayloadType, payload, signature.Sig) ? "the signature does not verify"
            : null;
        return new SignatureCheck(problem, payload, signature, keyId);
    }

    /// <summary>An envelope file, or the answer of GET /reports/{digest}, which carries the envelope inside.</summary>
    private static DsseEnvelope ReadEnvelope(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var element = document.RootElement.TryGetProperty("envelope", out var inner) ? inner : document.RootElement;
        return element.Deserialize<DsseEnvelope>(PlanJson.Options) ?? throw new JsonException("The envelope file holds null.");
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, string> ParseOptions(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !e.MoveNext())
            {
                throw new UsageException($"expected --option value pairs, got '{name}'");
            }

            options[name[2..]] = e.Current;
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required");

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Usage;
    }

    private sealed class UsageException(string message) : Exception(message);
}
