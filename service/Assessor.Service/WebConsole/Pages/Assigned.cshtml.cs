using Assessor.Service.Identity;
using Microsoft.AspNetCore.Authorization;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>The plans in review that name the signed-in specialist (the API's specialist scope).</summary>
[Authorize(Policy = Roles.Specialist, AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class AssignedModel(ConsoleText text, ConsoleQueries queries) : PlanListModel(text, queries);
