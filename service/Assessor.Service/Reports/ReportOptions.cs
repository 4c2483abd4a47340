using System.ComponentModel.DataAnnotations;

namespace Assessor.Service.Reports;

/// <summary>Bound from <c>Assessor:Reports</c>; checked at start.</summary>
public sealed class ReportOptions : IValidatableObject
{
    public const string Section = "Assessor:Reports";

    /// <summary>Folder of Scriban templates; by default the copy shipped beside the service binary.</summary>
    [Required]
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "reports");

    /// <summary>
    /// Base URL printed (and QR-encoded) in reports for verification, e.g. https://assessor.example.go.jp. Required in
    /// Production; elsewhere, when unset, http://localhost on the port the request arrived at — never the request's Host
    /// header, which anyone can set.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Chromium executable for PDFs; found on the usual Debian paths when unset.</summary>
    public string? ChromiumPath { get; set; }

    /// <summary>
    /// Memory for certified report files served from memory (they never change), in MiB. The two caches' defaults are sized
    /// for the service's 300 MiB memory budget: the cached files live on the large-object heap, and the collector's
    /// committed memory grows with them (docs/benchmarks.md, "Report caches: smaller defaults").
    /// </summary>
    public int CertifiedCacheMegabytes { get; set; } = 16;

    /// <summary>Memory for rendered drafts, kept while nothing they show has changed, in MiB.</summary>
    public int DraftCacheMegabytes { get; set; } = 8;

    /// <summary>The base of the verification link printed (and QR-encoded) in a report rendered for <paramref name="request"/>.</summary>
    public string PublicBaseUrlFor(HttpRequest request) =>
        PublicBaseUrl ?? (request.HttpContext.Connection.LocalPort is > 0 and var port ? $"{request.Scheme}://localhost:{port}" : $"{request.Scheme}://localhost");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Directory.Exists(Path))
        {
            yield return new ValidationResult($"{Section}:Path: the template folder '{Path}' does not exist.", [nameof(Path)]);
        }

        if (PublicBaseUrl is not null
            && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult($"{Section}:PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }

        if (CertifiedCacheMegabytes < 1 || DraftCacheMegabytes < 1)
        {
            yield return new ValidationResult($"{Section}:CertifiedCacheMegabytes and DraftCacheMegabytes must be at least 1.",
                [nameof(CertifiedCacheMegabytes), nameof(DraftCacheMegabytes)]);
        }
    }
}

/// <summary>Bound from <c>Assessor:Signing</c>; checked at start.</summary>
public sealed class SigningOptions : IValidatableObject
{
    public const string Section = "Assessor:Signing";

    /// <summary>PEM (PKCS#8) ECDSA P-256 private key; takes precedence over <see cref="PrivateKeyPath"/>.</summary>
    public string? PrivateKeyPem { get; set; }

    /// <summary>A file holding that PEM, e.g. a mounted secret.</summary>
    public string? PrivateKeyPath { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PrivateKeyPem is null && PrivateKeyPath is not null && !File.Exists(PrivateKeyPath))
        {
            yield return new ValidationResult($"{Section}:PrivateKeyPath: no file at '{PrivateKeyPath}'.", [nameof(PrivateKeyPath)]);
        }
    }
}
