using Assessor.Domain.Checklists;

namespace Assessor.Domain.Tests.Checklists;

public class ChecklistLoaderTests
{
    private const string FileName = "broken.v1.yaml";

    /// <summary>
    /// A small valid checklist; each test breaks one line of it. Line numbers in the assertions count from
    /// the first line of this text.
    /// </summary>
    private const string Valid = """
        id: sample
        version: 1
        title: { ja: 見本, en: Sample }
        description: { ja: 試験用の見本, en: A sample for tests }
        categories:
          - id: governance
            title: { ja: 体制, en: Governance }
        items:
          - id: GOV-01
            category: governance
            question: { ja: 責任者はいるか, en: Is someone responsible? }
            guidance: { ja: 名前で示す, en: Name them. }
            mandatory: true
            evidence: { ja: 任命書, en: Appointment letter }
            mappings:
              metiDirectives: [2]
              nistCsf: [GV.RR-02]
              iso27001: [A.5.2]
          - id: GOV-02
            category: governance
            question: { ja: 方針はあるか, en: Is there a policy? }
            guidance: { ja: 承認済みのもの, en: An approved one. }
            mandatory: false
            evidence: { ja: 方針文書, en: Policy document }
        """;

    [Fact]
    public void The_sample_loads_with_its_items_and_mappings()
    {
        var definition = ChecklistLoader.Parse(Valid, FileName);

        Assert.Equal(("sample", 1), (definition.Id, definition.Version));
        Assert.Equal(["GOV-01", "GOV-02"], definition.Items.Select(item => item.Id));
        Assert.Equal([2], definition.Items[0].Mappings.MetiDirectives);
        Assert.Equal(["GV.RR-02"], definition.Items[0].Mappings.NistCsf);
        Assert.Equal(["A.5.2"], definition.Items[0].Mappings.Iso27001);
        Assert.Empty(definition.Items[1].Mappings.NistCsf);
        Assert.Null(definition.Scoring);
    }

    /// <summary>Scoring for the sample's two items: totals run from -2 to 8. Inserted at line 8.</summary>
    private const string Scoring = """
        scoring:
          points: { done: 4, partly: 2, notDone: 0, unknown: -1, notApplicable: 4 }
          maximum: 8
          bands:
            - { from: -2, to: 3, meaning: { ja: 低い, en: Low }, securityAction: { ja: 基本から, en: Basics first } }
            - { from: 4, to: 8, meaning: { ja: 高い, en: High }, securityAction: { ja: 宣言できる, en: Ready to declare } }
        items:
        """;

    public static TheoryData<string, string, string, long, string> BrokenDocuments => new()
    {
        { "maximum that is not items × done", "items:", Scoring.Replace("maximum: 8", "maximum: 100"), 9, "Maximum 100" },
        { "gap between score bands", "items:", Scoring.Replace("from: 4", "from: 5"), 13, "Band 5..8" },
        { "bands that stop short of the maximum", "items:", Scoring.Replace("to: 8", "to: 7"), 9, "end at the maximum 8" },
        { "duplicate item id", "  - id: GOV-02", "  - id: GOV-01", 19, "'GOV-01' is used twice" },
        { "unknown category", "    category: governance\n    question: { ja: 方針", "    category: physical\n    question: { ja: 方針", 19, "category 'physical'" },
        { "METI directive 11", "metiDirectives: [2]", "metiDirectives: [2, 11]", 9, "METI directive 11" },
        { "malformed NIST CSF id", "nistCsf: [GV.RR-02]", "nistCsf: [GV.RR-2]", 9, "'GV.RR-2'" },
        { "unknown NIST CSF function", "nistCsf: [GV.RR-02]", "nistCsf: [XX.RR-02]", 9, "'XX.RR-02'" },
        { "ISO control past the end of its theme", "iso27001: [A.5.2]", "iso27001: [A.5.38]", 9, "'A.5.38'" },
        { "ISO theme that does not exist", "iso27001: [A.5.2]", "iso27001: [A.9.1]", 9, "'A.9.1'" },
        { "missing required member (YamlDotNet points at the last key it read)", "    evidence: { ja: 任命書, en: Appointment letter }\n", "", 14, "'evidence'" },
        { "empty English text", "{ ja: 名前で示す, en: Name them. }", "{ ja: 名前で示す, en: ' ' }", 12, "guidance" },
        { "duplicate YAML key", "    mandatory: true\n", "    mandatory: true\n    mandatory: false\n", 14, "mandatory" },
        { "YAML syntax error", "    category: governance\n    question: { ja: 責任者", "   category: governance\n    question: { ja: 責任者", 10, "did not find expected '-'" },
        { "unknown field", "    mandatory: false\n", "    mandatory: false\n    madatory: true\n", 24, "madatory" },
        { "not a number", "version: 1", "version: one", 2, "" },
        { "version zero", "version: 1", "version: 0", 1, "Version 0" },
        { "duplicate category", "items:", "  - id: governance\n    title: { ja: 重複, en: Twice }\nitems:", 8, "'governance' is declared twice" },
    };

    [Fact]
    public void Scoring_adds_up_answers_and_finds_their_band()
    {
        var scoring = ChecklistLoader.Parse(Valid.Replace("items:", Scoring), FileName).Scoring!;

        var score = scoring.Score([SelfCheckAnswer.Done, SelfCheckAnswer.Unknown]);

        Assert.Equal(3, score);
        Assert.Equal("Low", scoring.BandFor(score).Meaning.En);
        Assert.Equal("High", scoring.BandFor(4).Meaning.En);
    }

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void A_broken_document_is_refused_with_file_and_line(string problem, string find, string replace, long line, string reasonPart)
    {
        Assert.Contains(find, Valid);
        var broken = Valid.Replace(find, replace);

        var error = Assert.Throws<ChecklistFormatException>(() => ChecklistLoader.Parse(broken, FileName));

        Assert.True(error.Line == line, $"{problem}: expected line {line}, got {error.Message}");
        Assert.Equal(FileName, error.File);
        Assert.Contains(reasonPart, error.Reason);
        Assert.StartsWith($"{FileName}:{line}:{error.Column}: ", error.Message);
    }
}
