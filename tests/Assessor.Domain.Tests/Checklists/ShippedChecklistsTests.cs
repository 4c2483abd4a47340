using Assessor.Domain.Checklists;

namespace Assessor.Domain.Tests.Checklists;

/// <summary>The YAML files in the repository's <c>checklists/</c> folder, as the service will load them.</summary>
public class ShippedChecklistsTests
{
    private static readonly string ChecklistsFolder = Path.Combine(RepositoryRoot(), "checklists");

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Assessor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Assessor.sln.");
    }

    private static ChecklistDefinition Load(string fileName) =>
        ChecklistLoader.Parse(File.ReadAllText(Path.Combine(ChecklistsFolder, fileName)), fileName);

    private static IEnumerable<string> ShippedFileNames() =>
        Directory.GetFiles(ChecklistsFolder, "*.yaml").Select(path => Path.GetFileName(path)).Order();

    public static TheoryData<string> ShippedFiles() => new(ShippedFileNames());

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_shipped_file_loads_and_is_named_after_its_id_and_version(string fileName)
    {
        var definition = Load(fileName);

        Assert.Equal($"{definition.Id}.v{definition.Version}.yaml", fileName);
    }

    /// <summary>
    /// A published version never changes: checklists/published.sha256 pins every file's bytes (sha256sum
    /// format), so an edit fails here and must become a new file with the next version instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Every_shipped_file_is_pinned_and_unchanged_since_it_was_published(string fileName)
    {
        var pinned = File.ReadAllLines(Path.Combine(ChecklistsFolder, "published.sha256"))
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1], parts => parts[0]);
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(ChecklistsFolder, fileName))));

        Assert.True(pinned.TryGetValue(fileName, out var expected), $"{fileName} is not in checklists/published.sha256; add it when you publish it.");
        Assert.True(expected == actual, $"{fileName} changed after publication; publish the change as a new version instead.");
    }

    [Fact]
    public void All_shipped_files_fit_in_one_catalog()
    {
        var catalog = new ChecklistCatalog(ShippedFileNames().Select(Load));

        Assert.True(catalog.TryGet("ci-tax-security", 1, out _));
        Assert.True(catalog.TryGet("ipa-self-check", 1, out _));
        Assert.True(catalog.TryGet("monozukuri-confirmation", 1, out _));
    }

    [Fact]
    public void Monozukuri_confirmation_asks_about_every_point_a_support_organisation_confirms()
    {
        var definition = Load("monozukuri-confirmation.v1.yaml");

        // The points of the confirmation (docs/regimes/monozukuri-2018.md), and the consortium's own for the data-sharing type.
        string[] points = ["feasibility", "innovation", "market", "implementation", "funding", "targets", "consortium"];
        Assert.Equal(points, definition.Categories.Select(category => category.Id));
        Assert.All(points, point => Assert.Contains(definition.Items, item => item.Category == point && item.Mandatory));
        Assert.Equal(17, definition.Items.Count);
        Assert.Equal(12, definition.Items.Count(item => item.Mandatory));
        Assert.Null(definition.Scoring);
    }

    [Fact]
    public void Ci_tax_security_covers_every_area_of_the_measure_with_enough_items()
    {
        var definition = Load("ci-tax-security.v1.yaml");

        // One category per area the measure asks the specialist to confirm (docs/signoff.md, "The checklist").
        string[] areas =
        [
            "governance", "inventory", "access-control", "data-in-transit", "data-at-rest", "logging-monitoring",
            "vulnerability-management", "malware-protection", "iot-hardening", "partner-agreements",
            "incident-response", "backup-recovery", "staff-awareness",
        ];
        Assert.Equal(areas, definition.Categories.Select(category => category.Id));
        Assert.All(areas, area => Assert.Contains(definition.Items, item => item.Category == area));
        Assert.All(areas, area => Assert.Contains(definition.Items, item => item.Category == area && item.Mandatory));
        Assert.True(definition.Items.Count >= 30, $"{definition.Items.Count} items");
        Assert.True(definition.Items.Count(item => item.Mandatory) >= 12);
        Assert.All(definition.Items, item =>
        {
            Assert.NotEmpty(item.Mappings.MetiDirectives);
            Assert.NotEmpty(item.Mappings.NistCsf);
            Assert.NotEmpty(item.Mappings.Iso27001);
        });
        Assert.Null(definition.Scoring);
    }

    [Fact]
    public void Ipa_self_check_has_25_items_in_three_parts_in_order()
    {
        var definition = Load("ipa-self-check.v1.yaml");

        Assert.Equal(Enumerable.Range(1, 25).Select(number => $"IPA-{number:00}"), definition.Items.Select(item => item.Id));
        // Parts keep the diagnosis's numbering: basic 1–5, employees 6–18, organisation 19–25.
        string[] parts = [.. Enumerable.Repeat("basic", 5), .. Enumerable.Repeat("employees", 13), .. Enumerable.Repeat("organisation", 7)];
        Assert.Equal(parts, definition.Items.Select(item => item.Category));
        // The five basic points are the SECURITY ACTION ★ commitments.
        Assert.Equal(definition.Items.Take(5), definition.Items.Where(item => item.Mandatory));
    }

    [Theory]
    [InlineData(SelfCheckAnswer.Done, 100)]
    [InlineData(SelfCheckAnswer.NotApplicable, 100)]
    [InlineData(SelfCheckAnswer.Partly, 50)]
    [InlineData(SelfCheckAnswer.NotDone, 0)]
    [InlineData(SelfCheckAnswer.Unknown, -25)]
    public void Ipa_self_check_scores_4_2_0_minus_1_with_not_applicable_as_done(SelfCheckAnswer everyAnswer, int expected)
    {
        var scoring = Load("ipa-self-check.v1.yaml").Scoring!;

        var score = scoring.Score(Enumerable.Repeat(everyAnswer, 25));

        Assert.Equal(expected, score);
        Assert.Equal(100, scoring.Maximum);
        Assert.InRange(expected, scoring.BandFor(score).From, scoring.BandFor(score).To);
    }

    [Fact]
    public void Ipa_self_check_bands_tell_what_the_score_means_for_security_action_two_stars()
    {
        var scoring = Load("ipa-self-check.v1.yaml").Scoring!;

        Assert.Equal(-25, scoring.Bands[0].From);
        Assert.Equal(100, scoring.Bands[^1].To);
        Assert.All(scoring.Bands, band => Assert.Contains("★★", band.SecurityAction.Ja + band.SecurityAction.En));
        Assert.NotSame(scoring.BandFor(49), scoring.BandFor(50));
    }
}
