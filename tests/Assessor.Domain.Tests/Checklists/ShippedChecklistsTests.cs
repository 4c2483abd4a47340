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

    [Fact]
    public void All_shipped_files_fit_in_one_catalog()
    {
        var catalog = new ChecklistCatalog(ShippedFileNames().Select(Load));

        Assert.True(catalog.TryGet("ci-tax-security", 1, out _));
    }

    [Fact]
    public void Ci_tax_security_covers_every_area_of_the_measure_with_enough_items()
    {
        var definition = Load("ci-tax-security.v1.yaml");

        // One category per area the measure asks the specialist to confirm (domain.md §4).
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
}