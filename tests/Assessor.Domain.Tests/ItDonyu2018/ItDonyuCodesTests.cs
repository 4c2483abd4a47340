using Assessor.Domain.RegimeDefinitions.ItDonyu2018;

namespace Assessor.Domain.Tests.ItDonyu2018;

/// <summary>docs/regimes/it-donyu-2018.md documents exactly the codes and requirements the regime emits.</summary>
public sealed class ItDonyuCodesTests() : RegimeCodeDocs("it-donyu-2018.md", typeof(ItDonyuCodes), ItDonyuAssessor.Rules.Select(r => r.Id));
