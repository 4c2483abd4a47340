using System.Security.Cryptography;
using System.Text.Json;
using Assessor.Domain.Attestations;
using Assessor.Domain.Plans;
using Assessor.Domain.Procedure;

namespace Assessor.Cli;

/// <summary>
/// keygen / sign / verify / verify-report, and log verify-inclusion / verify-consistency (<see cref="LogCommands"/>). The
/// private key stays on the specialist's machine: the service only ever sees the public key and the envelope.
/// </summary>
public static class CliCommands
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    private static readonly string[] HelpWords = ["--help", "-h", "help"];

    private static readonly CommandSpec[] Commands =
    [
        new("keygen", """
              assessor-cli keygen --out <name> [--force]
                  writes <name>.key.pem (private, mode 0600) and <name>.pub.pem (public); refuses to replace
                  either file unless --force is given
            """, ["out"], ["force"]),
        new("sign", """
              assessor-cli sign --key <name.key.pem> --statement <file> --out <envelope.json>
                  signs the statement's exact bytes (DSSE, ECDSA P-256) with the private key keygen wrote
            """, ["key", "statement", "out"], []),
        new("verify", """
              assessor-cli verify --envelope <envelope.json> --public-key <pub.pem> [--revision <plan.json>]
                                  [--write-pae <file>] [--write-sig <file>]
                  checks a specialist's signed security checklist statement, and that it attests the revision file;
                  --write-pae/--write-sig write the signed bytes and the DER signature, for
                  openssl dgst -sha256 -verify <pub.pem> -signature <sig> <pae>
            """, ["envelope", "public-key", "revision", "write-pae", "write-sig"], []),
        new("verify-report", """
              assessor-cli verify-report --report <file> --envelope <envelope.json or GET /reports/{digest} answer>
                                         --public-key <service.pub.pem> [--write-pae <file>] [--write-sig <file>]
                  checks that the service's signature certifies this report file (any format);
                  --write-pae/--write-sig as for verify
            """, ["report", "envelope", "public-key", "write-pae", "write-sig"], []),
        new("log verify-inclusion", """
              assessor-cli log verify-inclusion --checkpoint <checkpoint.json> --public-key <service.pub.pem>
                                                --entry <event file> --proof <proof.json> [--revision <plan.json>]
                  checks that the event (its exact bytes, one line of GET /log/entries) is in the log the kept
                  checkpoint signs, with the proof of GET /log/proof/inclusion?index=<n>&size=<checkpoint size>;
                  --revision also checks that the event records that revision file's digest
            """, ["checkpoint", "public-key", "entry", "proof", "revision"], []),
        new("log verify-consistency", """
              assessor-cli log verify-consistency --old <checkpoint.json> --new <checkpoint.json>
                                                  --public-key <service.pub.pem> --proof <proof.json>
                  checks that the log of the new checkpoint extends the one of the old checkpoint you kept (nothing
                  was rewritten), with the proof of GET /log/proof/consistency?first=<old size>&second=<new size>
            """, ["old", "new", "public-key", "proof"], []),
    ];

    /// <summary>The usage of <paramref name="command"/>, or of every command.</summary>
    private static string UsageOf(CommandSpec? command) =>
        "usage:\n" + string.Join("\n", command is null ? Commands.Select(c => c.Usage) : [command.Usage]) + "\n";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        args = JoinLogCommand(args);
        var command = Commands.FirstOrDefault(c => c.Name == args.FirstOrDefault());
        // Help that was asked for is the answer, not a mistake: standard output, exit 0.
        if (args.FirstOrDefault() is { } first && HelpWords.Contains(first))
        {
            var topic = Commands.FirstOrDefault(c => c.Name == args.ElementAtOrDefault(1));
            output.Write(UsageOf(topic));
            return Ok;
        }

        if (command is not null && args.Skip(1).Any(a => a is "--help" or "-h"))
        {
            output.Write(UsageOf(command));
            return Ok;
        }

        try
        {
            if (command is null)
            {
                throw new UsageException(args.Length == 0 ? "a command is required" : $"unknown command '{args[0]}'");
            }

            var options = ParseOptions(command, args.Skip(1));
            string Required(string name) => options.TryGetValue(name, out var value) ? value : throw new UsageException($"--{name} is required", command);
            string? Optional(string name) => options.GetValueOrDefault(name);
            return command.Name switch
            {
                "keygen" => Keygen(Required("out"), output, force: options.ContainsKey("force")),
                "sign" => Sign(Required("key"), Required("statement"), Required("out"), output),
                "verify" => Verify(Required("envelope"), Required("public-key"), Optional("revision"), Optional("write-pae"), Optional("write-sig"), output),
                "log verify-inclusion" => LogCommands.VerifyInclusion(
                    Required("checkpoint"), Required("public-key"), Required("entry"), Required("proof"), Optional("revision"), output),
                "log verify-consistency" => LogCommands.VerifyConsistency(Required("old"), Required("new"), Required("public-key"), Required("proof"), output),
                _ => VerifyReport(Required("report"), Required("envelope"), Required("public-key"), output, Optional("write-pae"), Optional("write-sig")),
            };
        }
        catch (UsageException ex)
        {
            error.Write($"{ex.Message}\n{UsageOf(ex.Command)}");
            return Usage;
        }
        catch (Exception ex) when (ex is CliException or IOException or UnauthorizedAccessException or CryptographicException or JsonException or ArgumentException)
        {
            error.WriteLine($"error: {ex.Message}");
            return Usage;
        }
    }

    /// <summary>Writes a new key pair; an existing key file is never replaced unless <paramref name="force"/>.</summary>
    /// <exception cref="CliException">A key file exists and <paramref name="force"/> is false.</exception>
    public static int Keygen(string name, TextWriter output, bool force = false)
    {
        var privatePath = $"{name}.key.pem";
        var publicPath = $"{name}.pub.pem";
        if (!force && new[] { privatePath, publicPath }.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new CliException($"{existing} already exists; keygen does not replace keys (a replaced private key is lost for good, "
                + "and its public key may be registered). Choose another --out, or add --force to replace them.");
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteKeyFile(privatePath, key.ExportPkcs8PrivateKeyPem(), force, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        WriteKeyFile(publicPath, key.ExportSubjectPublicKeyInfoPem(), force, null);
        output.WriteLine($"private key: {privatePath} (keep it; never upload it)");
        output.WriteLine($"public key:  {publicPath} (give this to the registry admin)");
        output.WriteLine($"keyid:       {KeyIds.Of(key)}");
        return Ok;
    }

    public static int Sign(string keyPath, string statementPath, string outPath, TextWriter output)
    {
        using var key = ReadPrivateKey(keyPath);
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

        WriteForOpenssl(envelope, checkedSignature, paePath, sigPath);
        var payload = checkedSignature.Payload!;
        if (PredicateTypeOf(payload) is var predicateType && predicateType != SecurityStatement.PredicateType)
        {
            output.WriteLine(predicateType == ReportStatement.PredicateType
                ? "INVALID: this envelope signs a certification report, not a security checklist sign-off; check it with assessor-cli verify-report"
                : "INVALID: the signed payload is not a security attestation statement");
            return Invalid;
        }

        if (InTotoStatements.TryParse<SecurityPredicate>(payload) is not
            {
                Subject: [{ Name: not null, Digest: not null } subject, ..],
                Predicate: { Plan: not null, Checklist: not null, Specialist: not null, Answers: not null } predicate,
            })
        {
            output.WriteLine("INVALID: the signed security attestation statement is incomplete");
            return Invalid;
        }

        if (revisionPath is not null)
        {
            var actual = Sha256Of(revisionPath);
            if (!subject.Digest.TryGetValue("sha256", out var expected) || expected != actual)
            {
                output.WriteLine($"INVALID: {revisionPath} has sha256 {actual}, the statement attests {expected}");
                return Invalid;
            }
        }

        output.WriteLine($"VALID: signed by keyid {checkedSignature.KeyId}");
        output.WriteLine($"  subject:    {subject.Name} sha256:{subject.Digest.GetValueOrDefault("sha256")}{(revisionPath is null ? "" : " (matches the revision file)")}");
        output.WriteLine($"  specialist: {predicate.Specialist.Name} ({predicate.Specialist.Kind.ToWire()}, registration {predicate.Specialist.RegistrationNumber})");
        output.WriteLine($"  checklist:  {predicate.Checklist.Id} v{predicate.Checklist.Version}, {predicate.Answers.Count} answers, verdict {predicate.Verdict.ToString().ToLowerInvariant()}");
        return Ok;
    }

    /// <summary>A report file is genuine when the service's signature covers a statement naming the file's SHA-256.</summary>
    public static int VerifyReport(string reportPath, string envelopePath, string publicKeyPath, TextWriter output, string? paePath = null, string? sigPath = null)
    {
        var envelope = ReadEnvelope(envelopePath);
        var checkedSignature = CheckSignature(envelope, publicKeyPath);
        if (checkedSignature.Problem is { } problem)
        {
            output.WriteLine($"INVALID: {problem}");
            return Invalid;
        }

        WriteForOpenssl(envelope, checkedSignature, paePath, sigPath);
        var statement = InTotoStatements.TryParse<CertificationPredicate>(checkedSignature.Payload!);
        if (statement is null || statement.PredicateType != ReportStatement.PredicateType)
        {
            output.WriteLine("INVALID: the signed payload is not a certification report statement");
            return Invalid;
        }

        var actual = Sha256Of(reportPath);
        var subject = statement.Subject.FirstOrDefault(s => s?.Digest?.GetValueOrDefault("sha256") == actual);
        if (subject is null)
        {
            output.WriteLine($"INVALID: {reportPath} (sha256 {actual}) is not one of the files this signature certifies; it was altered or belongs to another report");
            return Invalid;
        }

        var predicate = statement.Predicate;
        var log = new StringWriter();
        if (LogCommands.CheckReportEvent(envelopePath, publicKeyPath, actual, predicate.PlanId, log) != Ok)
        {
            output.Write(log);
            return Invalid;
        }

        output.WriteLine($"VALID: {Path.GetFileName(reportPath)} is {subject.Name}, signed by the service key {checkedSignature.KeyId}");
        output.WriteLine($"  file:     sha256:{actual}");
        output.WriteLine($"  plan:     {predicate.PlanId} revision {predicate.Revision} ({predicate.PlanDigest})");
        output.WriteLine($"  decision: {predicate.Decision} by {predicate.Reviewer} at {predicate.DecidedAt:O}");
        output.WriteLine($"  report:   JSON report {predicate.ReportDigest} (GET /api/v1/reports/<digest> looks up any of its files)");
        output.Write(log);
        return Ok;
    }

    /// <summary>"log verify-inclusion" and "log verify-consistency" are one command name each, also after help.</summary>
    private static string[] JoinLogCommand(string[] args)
    {
        var at = args.FirstOrDefault() is { } first && HelpWords.Contains(first) ? 1 : 0;
        return args.Length > at + 1 && args[at] == "log" ? [.. args[..at], $"log {args[at + 1]}", .. args[(at + 2)..]] : args;
    }

    private sealed record SignatureCheck(string? Problem, byte[]? Payload, DsseSignature? Signature, string? KeyId);

    private static SignatureCheck CheckSignature(DsseEnvelope envelope, string publicKeyPath)
    {
        using var publicKey = KeyIds.TryImportP256PublicKey(File.ReadAllText(publicKeyPath), out var reason);
        var payload = Dsse.TryFromBase64(envelope.Payload);
        var keyId = publicKey is null ? null : KeyIds.Of(publicKey);
        var signature = envelope.Signatures.FirstOrDefault(s => s.Keyid == keyId);
        var problem = publicKey is null ? reason?.En
            : envelope.PayloadType != Dsse.InTotoPayloadType ? $"payloadType is {envelope.PayloadType}, not {Dsse.InTotoPayloadType}"
            : payload is null ? "the payload is not base64"
            : signature is null ? $"no signature by this key (keyid {keyId})"
            : !Dsse.Verify(publicKey, envelope.PayloadType, payload, signature.Sig) ? "the signature does not verify"
            : null;
        return new SignatureCheck(problem, payload, signature, keyId);
    }

    /// <summary>The signed PAE bytes and the DER signature, so that openssl alone can check the signature.</summary>
    private static void WriteForOpenssl(DsseEnvelope envelope, SignatureCheck check, string? paePath, string? sigPath)
    {
        if (paePath is not null)
        {
            File.WriteAllBytes(paePath, Dsse.Pae(envelope.PayloadType, check.Payload!));
        }

        if (sigPath is not null)
        {
            File.WriteAllBytes(sigPath, Dsse.TryFromBase64(check.Signature!.Sig)!);
        }
    }

    private static string? PredicateTypeOf(byte[] payload) => InTotoStatements.TryParse<JsonElement>(payload)?.PredicateType;

    /// <summary>An unencrypted ECDSA P-256 private key, or a message saying what the file is instead.</summary>
    /// <exception cref="CliException">The file holds no such key.</exception>
    private static ECDsa ReadPrivateKey(string path)
    {
        var pem = File.ReadAllText(path);
        var label = PemEncoding.TryFind(pem, out var fields) ? pem[fields.Label] : null;
        var refusal = label switch
        {
            null => "is not a PEM key file",
            "PUBLIC KEY" => "is a public key; sign needs the private key, the <name>.key.pem that keygen wrote beside it",
            "ENCRYPTED PRIVATE KEY" => "is an encrypted private key; sign needs it unencrypted (openssl pkcs8 -in <file> -out <new file>)",
            "PRIVATE KEY" or "EC PRIVATE KEY" => null,
            _ => $"holds a {label}, not a private key",
        };
        var key = ECDsa.Create();
        try
        {
            if (refusal is null)
            {
                key.ImportFromPem(pem);
                if (key.ExportParameters(false).Curve is { IsNamed: true, Oid.Value: var oid } && oid == ECCurve.NamedCurves.nistP256.Oid.Value)
                {
                    return key;
                }
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // Another kind of key (RSA, Ed25519) or an unreadable one: say what is needed instead of OpenSSL's code.
        }

        key.Dispose();
        throw new CliException($"{path} {refusal ?? "is not an ECDSA P-256 private key (the only kind the registry accepts; keygen makes one)"}");
    }

    private static void WriteKeyFile(string path, string pem, bool replace, UnixFileMode? mode)
    {
        var options = new FileStreamOptions { Mode = replace ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            // Created private from the first byte; a replaced file keeps its old mode, so set it again.
            options.UnixCreateMode = unixMode;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(pem);
        }

        if (mode is { } finalMode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, finalMode);
        }
    }

    /// <summary>An envelope file, or the answer of GET /reports/{digest}, which carries the envelope inside.</summary>
    private static DsseEnvelope ReadEnvelope(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var element = document.RootElement.TryGetProperty("envelope", out var inner) ? inner : document.RootElement;
        return element.Deserialize<DsseEnvelope>(PlanJson.Options) ?? throw new JsonException("The envelope file holds null.");
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static Dictionary<string, string> ParseOptions(CommandSpec command, IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current.StartsWith("--", StringComparison.Ordinal) ? e.Current[2..] : null;
            if (name is null || !(command.Options.Contains(name) || command.Flags.Contains(name)))
            {
                throw new UsageException(name is null ? $"expected --option value pairs, got '{e.Current}'" : $"unknown option --{name} for {command.Name}", command);
            }

            if (options.ContainsKey(name))
            {
                throw new UsageException($"--{name} is given twice", command);
            }

            if (command.Flags.Contains(name))
            {
                options[name] = "";
                continue;
            }

            options[name] = e.MoveNext() ? e.Current : throw new UsageException($"--{name} needs a value", command);
        }

        return options;
    }

    private sealed record CommandSpec(string Name, string Usage, string[] Options, string[] Flags);

    private sealed class UsageException(string message, CommandSpec? command = null) : Exception(message)
    {
        public CommandSpec? Command { get; } = command;
    }
}

/// <summary>A refusal the user can act on, printed as <c>error: message</c> with exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
