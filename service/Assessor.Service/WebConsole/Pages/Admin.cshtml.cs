using Assessor.Service.Identity;
using Assessor.Service.Specialists;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Assessor.Service.WebConsole.Pages;

/// <summary>
/// Principals and their API keys (create, issue, revoke), and the registry of specialists and support organisations
/// (register, add a public key, revoke), through the admin API's handlers.
/// </summary>
[Authorize(Policy = Roles.Admin, AuthenticationSchemes = ConsoleSetup.Scheme)]
public sealed class AdminModel(ConsoleText text, PrincipalStore principals, SpecialistStore specialists, ApiKeyCache keys, ConsoleQueries queries)
    : ConsolePageModel(text)
{
    public IReadOnlyList<PrincipalView> Principals { get; private set; } = [];

    public ILookup<Guid, KeySummary> Keys { get; private set; } = Array.Empty<KeySummary>().ToLookup(k => k.PrincipalId);

    public IReadOnlyList<SpecialistView> Specialists { get; private set; } = [];

    /// <summary>A key just issued, shown on this one answer only (which no cache keeps).</summary>
    public string? NewKey { get; private set; }

    /// <summary>Which form a refusal belongs to, so its problems are shown there.</summary>
    public string? RefusedForm { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreatePrincipalAsync(string? name, string? role, string? corporateNumber, string? specialistId)
    {
        var request = new CreatePrincipalRequest(name, role, Blank(corporateNumber), Blank(specialistId));
        var result = await IdentityApi.CreatePrincipal(request, User, principals, specialists, HttpContext.RequestAborted);
        return await ShowAsync(result.Result, "principal", (result.Result as Created<CreatedPrincipal>)?.Value?.Key);
    }

    public async Task<IActionResult> OnPostIssueKeyAsync(Guid principalId)
    {
        var result = await IdentityApi.IssueKey(principalId, User, principals, HttpContext.RequestAborted);
        return await ShowAsync(result.Result, "keys", (result.Result as Created<IssuedKeyResponse>)?.Value?.Key);
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid principalId, Guid keyId)
    {
        var result = await IdentityApi.RevokeKey(principalId, keyId, User, principals, keys, HttpContext.RequestAborted);
        return result.Result is ProblemHttpResult ? await ShowAsync(result.Result, "keys", null) : Redirect("/console/admin?notice=Key%20revoked.");
    }

    public async Task<IActionResult> OnPostRegisterSpecialistAsync(
        string? registrationNumber, string? kind, string? name, string? employerCorporateNumber, DateOnly? validFrom, DateOnly? validUntil)
    {
        var request = new CreateSpecialistRequest(registrationNumber, kind, name, employerCorporateNumber, validFrom, validUntil);
        var result = await SpecialistsApi.CreateSpecialist(request, User, specialists, HttpContext.RequestAborted);
        return result.Result is ProblemHttpResult ? await ShowAsync(result.Result, "specialist", null) : Redirect("/console/admin#specialists");
    }

    public async Task<IActionResult> OnPostSpecialistKeyAsync(Guid specialistId, string? publicKeyPem, [FromServices] TimeProvider clock)
    {
        var result = await SpecialistsApi.AddKey(specialistId, new AddSpecialistKeyRequest(publicKeyPem), User, specialists, clock, HttpContext.RequestAborted);
        return result.Result is ProblemHttpResult ? await ShowAsync(result.Result, "specialists", null) : Redirect("/console/admin#specialists");
    }

    public async Task<IActionResult> OnPostRevokeSpecialistAsync(Guid specialistId)
    {
        var result = await SpecialistsApi.RevokeSpecialist(specialistId, User, specialists, HttpContext.RequestAborted);
        return result.Result is ProblemHttpResult ? await ShowAsync(result.Result, "specialists", null) : Redirect("/console/admin#specialists");
    }

    /// <summary>The page again, with the new key or the refusal of <paramref name="form"/>.</summary>
    private async Task<IActionResult> ShowAsync(IResult result, string form, string? newKey)
    {
        if (result is ProblemHttpResult problem)
        {
            RefusedForm = form;
            Refused(problem);
        }

        // The key is in this answer's body only: never stored by a cache, never in a URL.
        NewKey = newKey;
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Remove("Location");
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Principals = (await IdentityApi.ListPrincipals(principals, HttpContext.RequestAborted)).Value!;
        Keys = (await queries.KeysAsync(HttpContext.RequestAborted)).ToLookup(k => k.PrincipalId);
        Specialists = (await SpecialistsApi.ListSpecialists(specialists, HttpContext.RequestAborted)).Value!;
    }

}
