using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.Reports;

namespace Assessor.Service.Reports;

/// <summary>
/// What a certificate says that is neither in the plan nor in its assessment, as data: per regime, its number prefix, the
/// document's title, the measure and its legal basis, and who issues it (主務大臣: the competent minister, by the applicant's
/// industry, or one issuer for the regime). Read from <c>certificates.json</c> in the templates folder at start; a missing
/// or broken file, an unknown authority or a registered regime without an entry stops the service, naming file and line.
/// See docs/certificates.md.
/// </summary>
public sealed class CertificateCatalog
{
    public const string FileName = "certificates.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = false,
        AllowDuplicateProperties = false,
    };

    private readonly CatalogFile _file;

    private CertificateCatalog(CatalogFile file, string version)
    {
        _file = file;
        Version = version;
    }

    /// <summary>The hex SHA-256 of the file's bytes: a changed file changes every draft's certificate.</summary>
    public string Version { get; }

    /// <exception cref="ReportTemplateException">The file is missing, malformed or inconsistent.</exception>
    public static CertificateCatalog Load(string templatesFolder, IEnumerable<string> regimeIds)
    {
        var path = Path.Combine(templatesFolder, FileName);
        if (!File.Exists(path))
        {
            throw new ReportTemplateException(FileName, 0, "the certificate data file is missing");
        }

        var bytes = File.ReadAllBytes(path);
        CatalogFile file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(bytes, Json) ?? throw new ReportTemplateException(FileName, 1, "the file is empty");
        }
        catch (JsonException error)
        {
            throw new ReportTemplateException(FileName, (int)(error.LineNumber ?? 0) + 1, error.Message);
        }

        Check(file, regimeIds);
        return new CertificateCatalog(file, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The number prefix of <paramref name="regimeId"/>'s certificates, e.g. <c>CI</c>.</summary>
    public string PrefixOf(string regimeId) => Regime(regimeId).NumberPrefix;

    /// <summary>
    /// The certificate of a plan of <paramref name="regimeId"/> whose applicant is in <paramref name="industry"/>:
    /// <paramref name="number"/> and <paramref name="signingKeyId"/> are null on a draft.
    /// </summary>
    public ReportCertificate For(string regimeId, string? industry, string? number, string? signingKeyId)
    {
        var regime = Regime(regimeId);
        var (authorityId, basis) = regime.Authority is { } single
            ? (single, "regime")
            : industry is not null && regime.ByIndustry!.TryGetValue(IndustryKey(industry), out var listed)
                ? (listed, "industry")
                : (regime.DefaultAuthority!, "default");
        var authority = _file.Authorities[authorityId];
        return new ReportCertificate(number, regime.Title.Ja, regime.Title.En, authorityId, authority.Ja, authority.En, basis, industry,
            regime.Measure.Ja, regime.Measure.En, regime.LegalBasis.Ja, regime.LegalBasis.En, signingKeyId);
    }

    /// <summary>The key an industry is looked up by: trimmed, lower-case, spaces and underscores as hyphens.</summary>
    public static string IndustryKey(string industry) =>
        industry.Trim().ToLowerInvariant().Replace(' ', '-').Replace('_', '-');

    private RegimeEntry Regime(string regimeId) =>
        _file.Regimes.TryGetValue(regimeId, out var regime)
            ? regime
            : throw new InvalidOperationException($"{FileName} has no entry for regime {regimeId}.");

    private static void Check(CatalogFile file, IEnumerable<string> regimeIds)
    {
        static void Fail(string reason) => throw new ReportTemplateException(FileName, 0, reason);

        if (file.Authorities is null || file.Regimes is null)
        {
            Fail("both \"authorities\" and \"regimes\" are required");
        }

        foreach (var (id, authority) in file.Authorities!)
        {
            if (string.IsNullOrWhiteSpace(authority?.Ja) || string.IsNullOrWhiteSpace(authority.En))
            {
                Fail($"authority {id} needs \"ja\" and \"en\"");
            }
        }

        foreach (var (id, regime) in file.Regimes!)
        {
            if (regime is null || string.IsNullOrWhiteSpace(regime.NumberPrefix) || !regime.NumberPrefix.All(char.IsAsciiLetterUpper))
            {
                Fail($"regime {id} needs a \"numberPrefix\" of upper-case ASCII letters");
            }

            foreach (var (name, text) in new[] { ("title", regime!.Title), ("measure", regime.Measure), ("legalBasis", regime.LegalBasis) })
            {
                if (string.IsNullOrWhiteSpace(text?.Ja) || string.IsNullOrWhiteSpace(text.En))
                {
                    Fail($"regime {id} needs \"{name}\" with \"ja\" and \"en\"");
                }
            }

            if ((regime.Authority is null) == (regime.DefaultAuthority is null))
            {
                Fail($"regime {id} needs either \"authority\" (one issuer) or \"defaultAuthority\" with \"byIndustry\", not both");
            }

            foreach (var named in new[] { regime.Authority, regime.DefaultAuthority }.Concat(regime.ByIndustry?.Values ?? Enumerable.Empty<string>()).OfType<string>())
            {
                if (!file.Authorities!.ContainsKey(named))
                {
                    Fail($"regime {id} names authority {named}, which \"authorities\" does not list");
                }
            }

            foreach (var industry in regime.ByIndustry?.Keys ?? Enumerable.Empty<string>())
            {
                if (IndustryKey(industry) != industry)
                {
                    Fail($"regime {id}: industry key \"{industry}\" must be written as {IndustryKey(industry)}");
                }
            }
        }

        var prefixes = file.Regimes!.GroupBy(r => r.Value.NumberPrefix, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (prefixes is not null)
        {
            Fail($"regimes {string.Join(" and ", prefixes.Select(p => p.Key))} share the number prefix {prefixes.Key}: numbers must tell regimes apart");
        }

        foreach (var regimeId in regimeIds.Where(r => !file.Regimes!.ContainsKey(r)))
        {
            Fail(string.Create(CultureInfo.InvariantCulture, $"registered regime {regimeId} has no entry: its certificates would have no issuer"));
        }
    }

    private sealed record CatalogFile(
        [property: JsonPropertyName("$comment")] string? Comment,
        Dictionary<string, Bilingual> Authorities,
        Dictionary<string, RegimeEntry> Regimes);

    private sealed record Bilingual(string Ja, string En);

    private sealed record RegimeEntry(
        string NumberPrefix, Bilingual Title, Bilingual Measure, Bilingual LegalBasis, string? Authority, string? DefaultAuthority,
        Dictionary<string, string>? ByIndustry,
        [property: JsonPropertyName("$comment")] string? Comment);
}
