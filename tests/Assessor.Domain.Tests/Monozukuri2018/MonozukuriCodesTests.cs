using Assessor.Domain.RegimeDefinitions.Monozukuri2018;

namespace Assessor.Domain.Tests.Monozukuri2018;

/// <summary>docs/regimes/monozukuri-2018.md documents exactly the codes and requirements the regime emits.</summary>
public sealed class MonozukuriCodesTests() : RegimeCodeDocs("monozukuri-2018.md", typeof(MonozukuriCodes), MonozukuriAssessor.RequirementIds);
