using Assessor.Domain.RegimeDefinitions;
using Assessor.Service.Reports;

namespace Assessor.Api.Tests.Reports;

public sealed class CertificateCatalogTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("assessor-certificates-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("manufacturing", "経済産業大臣", "industry")]
    [InlineData(" Construction ", "国土交通大臣", "industry")]
    [InlineData("food_manufacturing", "農林水産大臣", "industry")]
    [InlineData("nursing care", "厚生労働大臣", "industry")]
    [InlineData("space mining", "経済産業大臣", "default")]
    [InlineData(null, "経済産業大臣", "default")]
    public void The_tax_certificate_is_issued_by_the_minister_of_the_applicants_industry(string? industry, string minister, string basis)
    {
        var certificate = ReportFixture.Certificates.For("connected-industries-2018", industry, "CI-2026-000001", "key");

        Assert.Equal(minister, certificate.AuthorityJa);
        Assert.Equal(basis, certificate.AuthorityBasis);
        Assert.Equal("認定書", certificate.TitleJa);
        Assert.Contains("生産性向上特別措置法", certificate.LegalBasisJa, StringComparison.Ordinal);
        Assert.Equal("CI", ReportFixture.Certificates.PrefixOf("connected-industries-2018"));
    }

    [Fact]
    public void The_subsidy_has_one_issuer_whatever_the_industry()
    {
        var certificate = ReportFixture.Certificates.For("it-donyu-2018", "construction", null, null);

        Assert.Equal("中小企業庁長官", certificate.AuthorityJa);
        Assert.Equal("regime", certificate.AuthorityBasis);
        Assert.Null(certificate.Number);
        Assert.Equal("IT", ReportFixture.Certificates.PrefixOf("it-donyu-2018"));
    }

    [Theory]
    [InlineData("""{ "authorities": {}, "regimes": {} }""", "registered regime")]
    [InlineData("""{ "authorities": { "meti": { "ja": "経済産業大臣", "en": "METI" } }, "regimes": { "connected-industries-2018": { "numberPrefix": "CI", "title": { "ja": "t", "en": "t" }, "measure": { "ja": "m", "en": "m" }, "legalBasis": { "ja": "l", "en": "l" }, "defaultAuthority": "mlit", "byIndustry": {} } } }""", "names authority mlit")]
    [InlineData("""{ "authorities": {}, "regimes": {}, "extra": 1 }""", "extra")]
    [InlineData("""{ "authorities": """, "certificates.json")]
    public void A_broken_file_stops_the_service_saying_why(string json, string reason)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, CertificateCatalog.FileName), json);

        var error = Assert.Throws<ReportTemplateException>(() => CertificateCatalog.Load(_folder.FullName, RegimeRegistry.All.Select(r => r.Id)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_stops_the_service_naming_it()
    {
        var error = Assert.Throws<ReportTemplateException>(() => CertificateCatalog.Load(_folder.FullName, []));

        Assert.Equal(CertificateCatalog.FileName, error.File);
    }
}
