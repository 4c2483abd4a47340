using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions;
using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>Monozukuri plans for tests: examples/monozukuri-2018.json (a three-company data-sharing consortium), each test changing only what it is about.</summary>
internal static class MonozukuriPlans
{
    public const string Lead = "7000012050002";
    public const string Second = "5010001008813";
    public const string Third = "1011101012345";

    /// <summary>Valid corporate numbers beyond the example's three, for consortia of up to eleven.</summary>
    public static readonly string[] MoreNumbers =
        ["2020001077777", "5030001099999", "6040001011111", "7050001022222", "8060001033333", "9070001044444", "1080001055555", "2090001066666"];

    public static MonozukuriRegime Regime => MonozukuriRegime.Of2018;

    public static byte[] ExampleBytes() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "examples", "monozukuri-2018.json"));

    public static MonozukuriPlan Example { get; } = (MonozukuriPlan)Monozukuri2018Definition.Instance.Load(ExampleBytes()).Document;

    /// <summary>The example with participant <paramref name="index"/> changed.</summary>
    public static MonozukuriPlan WithParticipant(this MonozukuriPlan plan, int index, Func<Participant, Participant> change) =>
        plan with { Participants = [.. plan.Participants.Select((p, i) => i == index ? change(p) : p)] };

    /// <summary>The example's lead alone, as a plan of <paramref name="type"/> (no allocation: only data-sharing has a pool).</summary>
    public static MonozukuriPlan Single(MonozukuriType type, Func<Participant, Participant>? change = null)
    {
        var lead = Example.Participants[0] with { Allocation = null };
        return Example with { Type = type, Participants = [change is null ? lead : change(lead)], Linkages = [] };
    }

    public static MonozukuriAssessment Assess(MonozukuriPlan plan, ConsortiumEvidence? evidence = null) =>
        MonozukuriAssessor.Assess(plan, Regime, evidence ?? ConsortiumEvidence.Nothing);

    /// <summary>Every participant other than the lead confirmed, and the support organisation signed a passing confirmation.</summary>
    public static ConsortiumEvidence AllConfirmed(MonozukuriPlan plan) =>
        new(plan.Participants.Where(p => !p.IsLead).Select(p => p.CorporateNumber).ToHashSet(), new("106213000812", "3110001088888", Passed: true));

    public static RequirementResult Requirement(this MonozukuriAssessment assessment, string id, string? participant = null) =>
        assessment.Requirements.Single(r => r.Id == id && r.Participant == participant);

    public static MonozukuriCost Cost(string id, string category, long cost) => new() { Id = id, Category = category, Name = "経費 " + id, Cost = cost };

    public static PlanYear Year(int fiscalYear, long operatingProfit, long personnelCosts, long depreciation, long nonOperatingExpenses) => new()
    {
        FiscalYear = fiscalYear,
        OperatingProfit = operatingProfit,
        PersonnelCosts = personnelCosts,
        Depreciation = depreciation,
        NonOperatingExpenses = nonOperatingExpenses,
        Employees = 10,
    };
}
