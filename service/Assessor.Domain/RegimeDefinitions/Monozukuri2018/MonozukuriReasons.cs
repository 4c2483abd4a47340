using System.Globalization;
using Assessor.Domain.Assessments;
using Assessor.Domain.RegimeDefinitions.Subsidies;
using static Assessor.Domain.YenFormat;

namespace Assessor.Domain.RegimeDefinitions.Monozukuri2018;

/// <summary>The requirement ids of <c>monozukuri-2018</c>: the consortium-wide ones, then the ones judged per participant.</summary>
public static class MonozukuriRequirements
{
    public const string Participants = "participants";
    public const string Window = "window";
    public const string DataSharing = "data-sharing";
    public const string Allocation = "allocation";
    public const string ConsortiumConsent = "consortium-consent";
    public const string SupportOrganisation = "support-organisation";
    public const string Sme = "sme";
    public const string Equipment = "equipment";
    public const string PlanTargets = "plan-targets";
    public const string GrantAmount = "grant-amount";
}

/// <summary>Every reason code <c>monozukuri-2018</c> emits. Stable: clients key on them. Documented in docs/regimes/monozukuri-2018.md.</summary>
public static class MonozukuriCodes
{
    public const string ParticipantsValid = "participants-valid";
    public const string ParticipantCountOutOfRange = "participant-count-out-of-range";
    public const string LeadCountNotOne = "lead-count-not-one";
    public const string CorporateNumberInvalid = "corporate-number-invalid";
    public const string CorporateNumberDuplicate = "corporate-number-duplicate";

    public const string AppliedWithinWindow = SubsidyCodes.AppliedWithinWindow;
    public const string RoundUnknown = SubsidyCodes.RoundUnknown;
    public const string AppliedOutsideWindow = SubsidyCodes.AppliedOutsideWindow;

    public const string DataSharedBetweenParticipants = "data-shared-between-participants";
    public const string NoLinkageBetweenParticipants = "no-linkage-between-participants";
    public const string LinkageWithinOneParticipant = "linkage-within-one-participant";
    public const string LinkageUnknownParticipant = "linkage-unknown-participant";

    public const string AllocationWithinPool = "allocation-within-pool";
    public const string AllocationNegative = "allocation-negative";
    public const string AllocationExceedsPool = "allocation-exceeds-pool";

    public const string ConsentComplete = "consent-complete";
    public const string NoOtherParticipants = "no-other-participants";
    public const string ConsentPending = "consent-pending";

    public const string SupportOrganisationNotNamed = "support-organisation-not-named";
    public const string ConfirmationPending = "confirmation-pending";
    public const string ConfirmationSigned = "confirmation-signed";
    public const string ConfirmationFailed = "confirmation-failed";
    public const string SupportOrganisationIsParticipant = "support-organisation-is-participant";

    public const string SmeByCapital = SmeCodes.SmeByCapital;
    public const string SmeByEmployees = SmeCodes.SmeByEmployees;
    public const string SmeNoSizeTest = SmeCodes.SmeNoSizeTest;
    public const string NotSme = SmeCodes.NotSme;
    public const string DeemedLargeSingleOwner = SmeCodes.DeemedLargeSingleOwner;
    public const string DeemedLargeOwnersCombined = SmeCodes.DeemedLargeOwnersCombined;
    public const string DeemedLargeBoard = SmeCodes.DeemedLargeBoard;
    public const string EntityTypeNotEligible = "entity-type-not-eligible";

    public const string MachineryIncluded = "machinery-included";
    public const string NoMachinery = "no-machinery";
    public const string EquipmentNotRequired = "equipment-not-required";

    public const string ValueAddedTargetMet = "value-added-target-met";
    public const string ValueAddedTargetMissed = "value-added-target-missed";
    public const string OrdinaryProfitTargetMet = "ordinary-profit-target-met";
    public const string OrdinaryProfitTargetMissed = "ordinary-profit-target-missed";
    public const string BaseNotPositive = "base-not-positive";

    public const string CostCategoryNotEligible = "cost-category-not-eligible";
    public const string GrantMeetsFloor = SubsidyCodes.GrantMeetsFloor;
    public const string GrantBelowFloor = SubsidyCodes.GrantBelowFloor;
    public const string GrantCapApplied = SubsidyCodes.GrantCapApplied;
}

/// <summary>The reasons of <c>monozukuri-2018</c>, worded once, in Japanese and English; figures use invariant formatting.</summary>
public static class MonozukuriReasons
{
    public static Reason ParticipantsValid(int count, string lead) => new(MonozukuriCodes.ParticipantsValid,
        $"参加事業者 {count} 者、幹事企業は {lead} です。",
        $"{count} participant(s), led by {lead}.");

    public static Reason ParticipantCountOutOfRange(int count, TypeRules type) => new(MonozukuriCodes.ParticipantCountOutOfRange,
        type.MinParticipants == type.MaxParticipants
            ? $"この類型の参加事業者は {type.MinParticipants} 者ですが、{count} 者です。"
            : $"この類型の参加事業者は {type.MinParticipants}〜{type.MaxParticipants} 者ですが、{count} 者です。",
        type.MinParticipants == type.MaxParticipants
            ? $"This type takes exactly {type.MinParticipants} participant(s); the plan has {count}."
            : $"This type takes {type.MinParticipants} to {type.MaxParticipants} participants; the plan has {count}.");

    public static Reason LeadCountNotOne(int leads) => new(MonozukuriCodes.LeadCountNotOne,
        $"幹事企業はちょうど 1 者必要ですが、{leads} 者です。",
        $"Exactly one participant must be the lead; {leads} are.");

    public static Reason CorporateNumberInvalid(string number) => new(MonozukuriCodes.CorporateNumberInvalid,
        $"法人番号 {number} は正しい法人番号ではありません（13 桁、先頭がチェックデジット）。",
        $"{number} is not a valid corporate number (13 digits, the first the check digit).");

    public static Reason CorporateNumberDuplicate(string number) => new(MonozukuriCodes.CorporateNumberDuplicate,
        $"法人番号 {number} の参加事業者が複数います。",
        $"More than one participant has corporate number {number}.");

    public static Reason DataSharedBetweenParticipants(int linkages) => new(MonozukuriCodes.DataSharedBetweenParticipants,
        $"参加事業者の間でデータを共有する連携が {linkages} 件あります。",
        $"{linkages} linkage(s) share data between two different participants.");

    public static Reason NoLinkageBetweenParticipants() => new(MonozukuriCodes.NoLinkageBetweenParticipants,
        "異なる参加事業者の間でデータを共有する連携がありません。",
        "No linkage shares data between two different participants.");

    public static Reason LinkageWithinOneParticipant(DataLinkage linkage) => new(MonozukuriCodes.LinkageWithinOneParticipant,
        $"連携 {linkage.Id} は一つの参加事業者（{linkage.FromParticipant}）の中で完結するため、企業間のデータ共有に数えません。",
        $"Linkage {linkage.Id} stays inside one participant ({linkage.FromParticipant}), so it is not data shared between companies.");

    public static Reason LinkageUnknownParticipant(DataLinkage linkage, string number) => new(MonozukuriCodes.LinkageUnknownParticipant,
        $"連携 {linkage.Id} の相手 {number} は参加事業者ではないため、数えません。",
        $"Linkage {linkage.Id} names {number}, which is not a participant, so it does not count.");

    public static Reason AllocationWithinPool(long total, long pool) => new(MonozukuriCodes.AllocationWithinPool,
        $"配分額の合計 {Yen(total)} は上乗せ枠 {Yen(pool)} 以内です。",
        $"The allocations total {Yen(total)}, within the pool of {Yen(pool)}.");

    public static Reason AllocationNegative(string participant, long allocation) => new(MonozukuriCodes.AllocationNegative,
        $"参加事業者 {participant} の配分額 {Yen(allocation)} が負です。",
        $"Participant {participant} has a negative allocation of {Yen(allocation)}.");

    public static Reason AllocationExceedsPool(long total, long pool) => new(MonozukuriCodes.AllocationExceedsPool,
        $"配分額の合計 {Yen(total)} が上乗せ枠 {Yen(pool)} を超えています。",
        $"The allocations total {Yen(total)}, more than the pool of {Yen(pool)}.");

    public static Reason ConsentComplete(int count) => new(MonozukuriCodes.ConsentComplete,
        $"幹事企業以外の参加事業者 {count} 者全てがこの改訂版を確認しています。",
        $"All {count} participant(s) other than the lead confirmed this revision.");

    public static Reason NoOtherParticipants() => new(MonozukuriCodes.NoOtherParticipants,
        "幹事企業以外の参加事業者はいません。",
        "There is no participant other than the lead.");

    public static Reason ConsentPending(IReadOnlyList<string> missing) => new(MonozukuriCodes.ConsentPending,
        $"次の参加事業者がこの改訂版をまだ確認していません: {string.Join("、", missing)}。",
        $"These participants have not yet confirmed this revision: {string.Join(", ", missing)}.");

    public static Reason SupportOrganisationNotNamed() => new(MonozukuriCodes.SupportOrganisationNotNamed,
        "計画を確認する認定経営革新等支援機関が記入されていません。",
        "The plan names no certified support organisation to confirm it.");

    public static Reason ConfirmationPending(string registrationNumber) => new(MonozukuriCodes.ConfirmationPending,
        $"認定経営革新等支援機関（{registrationNumber}）によるこの改訂版の確認書への署名を待っています。",
        $"Waiting for the certified support organisation {registrationNumber} to sign its confirmation of this revision.");

    public static Reason ConfirmationSigned(string registrationNumber) => new(MonozukuriCodes.ConfirmationSigned,
        $"認定経営革新等支援機関（{registrationNumber}）がこの改訂版を確認し、署名しています。",
        $"The certified support organisation {registrationNumber} confirmed and signed this revision.");

    public static Reason ConfirmationFailed(string registrationNumber) => new(MonozukuriCodes.ConfirmationFailed,
        $"認定経営革新等支援機関（{registrationNumber}）の確認で、必須項目が満たされていません。",
        $"The certified support organisation {registrationNumber} signed a confirmation with a mandatory point not met.");

    public static Reason SupportOrganisationIsParticipant(string corporateNumber) => new(MonozukuriCodes.SupportOrganisationIsParticipant,
        $"確認した支援機関（法人番号 {corporateNumber}）は参加事業者であり、自らの計画を確認できません。",
        $"The confirming support organisation (corporate number {corporateNumber}) is a participant and may not confirm its own plan.");

    public static Reason EntityTypeNotEligible(EntityType entityType) => new(MonozukuriCodes.EntityTypeNotEligible,
        $"法人形態「{Wire(entityType)}」はこの補助金の対象外です（会社・個人事業主・組合のみ）。",
        $"Legal form {Wire(entityType)} may not apply to this subsidy (companies, individuals and cooperatives only).");

    public static Reason MachineryIncluded(int count) => new(MonozukuriCodes.MachineryIncluded,
        $"機械装置の経費が {count} 件あります。",
        $"{count} machinery cost(s) are included.");

    public static Reason NoMachinery() => new(MonozukuriCodes.NoMachinery,
        "この類型では機械装置の経費が 1 件以上必要ですが、ありません。",
        "This type needs at least one machinery cost, and there is none.");

    public static Reason EquipmentNotRequired() => new(MonozukuriCodes.EquipmentNotRequired,
        "小規模型（試作開発等）では機械装置は必須ではありません。",
        "The small-prototype type does not need machinery.");

    public static Reason ValueAdded(bool met, long baseValue, long finalValue, int years, decimal target) => new(
        met ? MonozukuriCodes.ValueAddedTargetMet : MonozukuriCodes.ValueAddedTargetMissed,
        $"付加価値額は基準年度 {Yen(baseValue)} から最終年度 {Yen(finalValue)} です。目標（{years} 年で +{Percent(target)}）に{(met ? "達しています" : "届きません")}。",
        $"Value added goes from {Yen(baseValue)} to {Yen(finalValue)} in the final year, {(met ? "reaching" : "below")} the target of +{Percent(target)} over {years} years.");

    public static Reason OrdinaryProfit(bool met, long baseValue, long finalValue, int years, decimal target) => new(
        met ? MonozukuriCodes.OrdinaryProfitTargetMet : MonozukuriCodes.OrdinaryProfitTargetMissed,
        $"経常利益は基準年度 {Yen(baseValue)} から最終年度 {Yen(finalValue)} です。目標（{years} 年で +{Percent(target)}）に{(met ? "達しています" : "届きません")}。",
        $"Ordinary profit goes from {Yen(baseValue)} to {Yen(finalValue)} in the final year, {(met ? "reaching" : "below")} the target of +{Percent(target)} over {years} years.");

    public static Reason BaseNotPositive(long valueAdded, long ordinaryProfit) => new(MonozukuriCodes.BaseNotPositive,
        $"基準年度の付加価値額（{Yen(valueAdded)}）又は経常利益（{Yen(ordinaryProfit)}）が 0 以下のため伸び率を判定できず、審査員の判断を待ちます。",
        $"Base-year value added ({Yen(valueAdded)}) or ordinary profit ({Yen(ordinaryProfit)}) is zero or negative, so growth cannot be measured; a reviewer must judge.");

    public static Reason CostExcluded(MonozukuriCost cost) => new(MonozukuriCodes.CostCategoryNotEligible,
        $"{cost.Id}（{cost.Name}）の経費区分「{cost.Category}」はこの類型の補助対象外です。",
        $"{cost.Id} ({cost.Name}): category {cost.Category} is not eligible under this type.");

    private static string Wire<TEnum>(TEnum value)
        where TEnum : struct, Enum => Procedure.WireNames<TEnum>.Of(value);

    private static string Percent(decimal ratio) => (ratio * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";

}
