using System.Security.Claims;
using System.Security.Cryptography;
using Assessor.Service.Attestations;
using Assessor.Service.Http;
using Assessor.Service.Identity;
using Assessor.Service.Log;
using Assessor.Service.Plans;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Assessor.Service.Evidence;

/// <summary>An evidence file attached to a checklist item.</summary>
/// <param name="ItemId">The checklist item the file is attached to.</param>
/// <param name="Name">The file's name as given at upload.</param>
/// <param name="Sha256">The lower-case hex SHA-256 of the file's bytes: name it in the item's answer (<c>evidence[].sha256</c>) so the signed statement binds it.</param>
/// <param name="MediaType">The media type read from the file's bytes (never the one the client sent).</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="UploadedAt">When the file was attached (ISO-8601, UTC).</param>
/// <param name="Download">The path anyone who may read the plan downloads the file from.</param>
public sealed record EvidenceFileView(string ItemId, string Name, string Sha256, string MediaType, long Size, DateTimeOffset UploadedAt, string Download);

/// <summary>
/// Evidence files: uploaded to an item by the run's specialist, or by the applicant whose plan the run is on (who holds most
/// of the documents a specialist examines); downloadable by the plan's readers.
/// </summary>
public static class EvidenceApi
{
    public const int MaxNameLength = 500;

    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddOptions<EvidenceOptions>().BindConfiguration(EvidenceOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Storage != EvidenceOptions.FolderStorage || !string.IsNullOrWhiteSpace(o.Folder),
                $"{EvidenceOptions.Section}:Folder must name a folder when {EvidenceOptions.Section}:Storage is folder.")
            .ValidateOnStart();
        return services.AddSingleton<EvidenceFolder>().AddSingleton<EvidenceStore>();
    }

    public static void MapEvidence(this IEndpointRouteBuilder routes)
    {
        var runs = routes.MapGroup("/checklist-runs/{id:guid}").WithTags("Attestations")
            .RequireAuthorization(new AuthorizeAttribute { Roles = $"{Roles.Specialist},{Roles.Applicant}" })
            .AddEndpointFilter(RequireActiveRegistrationOfSpecialistsAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapPost("/items/{itemId}/evidence", Upload).WithName("UploadEvidenceFile")
            .WithSummary("Attach an evidence file (the raw bytes as the body) to an item of an open run")
            .WithDescription("The run's specialist, or the applicant whose plan the run is on, uploads. "
                + "The request body is the file itself; `name` says what to call it. Accepted: PDF, PNG, JPEG, Word, Excel and "
                + "PowerPoint (Office Open XML) and UTF-8 text, recognised from the bytes (the `Content-Type` sent is ignored), up to "
                + "`Assessor:Evidence:MaxBytes` (10 MiB unless configured). The file is stored once per SHA-256. Name that digest in the item's "
                + "answer (`evidence[].sha256`) so the statement the specialist signs binds the exact file.")
            .WithParameter("name", "The file's name, e.g. `network-diagram.pdf`: not blank, at most 500 characters.")
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file's bytes.",
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                    {
                        ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                };
                return Task.CompletedTask;
            })
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithResponseHeaders(StatusCodes.Status201Created, ResponseHeader.Location);
        runs.MapGet("/evidence", List).WithName("ListEvidenceFiles").WithSummary("Every evidence file attached to the run's items")
            .WithDescription("The files attached to the run's items, by item, oldest first: for the run's specialist and the plan's applicant.");
        runs.MapDelete("/items/{itemId}/evidence/{digest}", Detach).WithName("DetachEvidenceFile")
            .WithSummary("Detach an evidence file from an item of an open run")
            .WithDescription("Only while the run is open: once it is signed (or superseded, or its plan left review) its evidence never changes. "
                + "The run's specialist detaches any file; the applicant only the files it uploaded (another's is not found).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status409Conflict);

        routes.MapGet("/plans/{id:guid}/evidence/{digest}", Download).WithTags("Attestations").RequireAuthorization()
            .WithName("DownloadEvidenceFile").WithSummary("An evidence file attached to a run of the plan, by its SHA-256")
            .WithDescription("The exact bytes, for anyone who may read the plan; a file not attached to one of the plan's runs is not found. "
                + "Served as an attachment with the type read from the bytes at upload; `ETag` is its digest.")
            .Produces(StatusCodes.Status200OK).AddOpenApiOperationTransformer((operation, context, _) =>
            {
                // Keyed by the bare media type, as a response's Content-Type is matched (text/plain is served with its charset).
                OpenApiContract.Response(operation, StatusCodes.Status200OK, context).Content = EvidenceTypes.All.ToDictionary(
                    t => t.Split(';')[0], _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    StringComparer.Ordinal);
                return Task.CompletedTask;
            })
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .WithRequestHeader("If-None-Match", "The `ETag` of the file you hold: 304 without a body (a file's bytes never change).")
            .WithResponseHeaders(StatusCodes.Status200OK, ResponseHeader.ETag, ResponseHeader.ContentDisposition)
            .WithResponseHeaders(StatusCodes.Status304NotModified, ResponseHeader.ETag);
    }

    public static async Task<Results<Created<EvidenceFileView>, ProblemHttpResult>> Upload(
        Guid id, string itemId, string? name, HttpContext context, ClaimsPrincipal user, RunStatements statements, PlanStore plans, EvidenceStore evidence,
        IOptions<EvidenceOptions> options, CancellationToken cancellationToken)
    {
        var state = await LoadForCallerAsync(id, user, statements, plans, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound("Checklist run");
        }

        if (state.Checklist.Items.All(i => i.Id != itemId))
        {
            return Problems.NotFound("Checklist item");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            return Problems.Validation("name", new(
                $"Required: the file's name, at most {MaxNameLength} characters.", $"必須です。ファイル名を {MaxNameLength} 文字以内で指定してください。"));
        }

        if (state.Status != Domain.Procedure.RunStatus.Open)
        {
            return AttestationProblems.RunClosed(state);
        }

        var maxBytes = options.Value.MaxBytes;
        var content = await ReadBodyAsync(context, maxBytes, cancellationToken);
        if (content is null)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "evidence-too-large", "The file is too large",
                $"An evidence file may be at most {maxBytes} bytes.", new Dictionary<string, object?> { ["maxBytes"] = maxBytes });
        }

        if (content.Length == 0)
        {
            return Problems.Validation("body", new("The request body must be the file's bytes; it is empty.", "要求の本文にはファイルの中身が必要ですが、空です。"));
        }

        if (EvidenceTypes.Sniff(content) is not { } mediaType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-evidence-type", "Not an accepted kind of file",
                "Evidence files are PDF, PNG, JPEG, Word, Excel or PowerPoint (Office Open XML) documents, or UTF-8 text; the file's bytes are none of these.",
                new Dictionary<string, object?> { ["accepted"] = EvidenceTypes.All });
        }

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        var (change, file) = await evidence.AttachAsync(state.Run, itemId, name.Trim(), sha256, mediaType, content, Caller.From(user).Actor(), cancellationToken);
        return change switch
        {
            EvidenceChange.Done => TypedResults.Created(DownloadPath(file!.PlanId, sha256), View(file)),
            EvidenceChange.Conflict => Problems.Create(StatusCodes.Status409Conflict, "evidence-exists", "The file is already attached to this item",
                $"The item {itemId} already has the file with SHA-256 {sha256}."),
            _ => AttestationProblems.RunClosed((await statements.LoadAsync(id, cancellationToken))!),
        };
    }

    public static async Task<Results<Ok<EvidenceFileView[]>, ProblemHttpResult>> List(
        Guid id, ClaimsPrincipal user, RunStatements statements, PlanStore plans, EvidenceStore evidence, CancellationToken cancellationToken)
    {
        var state = await LoadForCallerAsync(id, user, statements, plans, cancellationToken);
        return state is null
            ? Problems.NotFound("Checklist run")
            : TypedResults.Ok((await evidence.OfRunAsync(id, cancellationToken)).Select(View).ToArray());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Detach(
        Guid id, string itemId, string digest, ClaimsPrincipal user, RunStatements statements, PlanStore plans, EvidenceStore evidence,
        CancellationToken cancellationToken)
    {
        var state = await LoadForCallerAsync(id, user, statements, plans, cancellationToken);
        if (state is null)
        {
            return Problems.NotFound("Checklist run");
        }

        var caller = Caller.From(user);
        var sha256 = digest.ToLowerInvariant();
        // The specialist decides what the run rests on; an applicant takes back only its own uploads.
        if (caller.Role == Roles.Applicant
            && !(await evidence.OfRunAsync(id, cancellationToken)).Any(f => f.ItemId == itemId && f.Sha256 == sha256 && f.UploadedBy == caller.Id))
        {
            return Problems.NotFound("Evidence file");
        }

        return await evidence.DetachAsync(state.Run, itemId, sha256, caller.Actor(), cancellationToken) switch
        {
            EvidenceChange.Done => TypedResults.NoContent(),
            EvidenceChange.Conflict => Problems.NotFound("Evidence file"),
            _ => AttestationProblems.RunClosed((await statements.LoadAsync(id, cancellationToken))!),
        };
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> Download(
        Guid id, string digest, HttpContext context, ClaimsPrincipal user, PlanStore plans, EvidenceStore evidence, ILogger<EvidenceStore> logger,
        CancellationToken cancellationToken)
    {
        var hex = (digest.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? digest[7..] : digest).ToLowerInvariant();
        var plan = await plans.GetAsync(id, PlanScope.For(Caller.From(user)), cancellationToken);
        EvidenceBlob? blob;
        try
        {
            blob = plan is not null && hex.Length == 64 && hex.All(char.IsAsciiHexDigit) ? await evidence.GetForPlanAsync(plan.Id, hex, cancellationToken) : null;
        }
        catch (EvidenceDamagedException ex)
        {
            // Never other bytes than the digest names: the operator restores the file from a backup.
            logger.LogError(ex, "Evidence file {Sha256} of plan {PlanId} cannot be served", ex.Sha256, id);
            return Problems.Create(StatusCodes.Status500InternalServerError, "evidence-damaged", "The stored file is damaged",
                "The file's stored bytes are missing or no longer match its SHA-256; nothing else is served in its place. The operator has been told.");
        }

        if (blob is null)
        {
            return Problems.NotFound(plan is null ? "Plan" : "Evidence file");
        }

        var etag = $"\"sha256:{blob.Sha256}\"";
        context.Response.Headers.ETag = etag;
        if (context.Request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(blob.Content, blob.MediaType, $"evidence-{blob.Sha256[..16]}{EvidenceTypes.Extension(blob.MediaType)}");
    }

    /// <summary>A specialist acts on runs only while its registration stands; an applicant has none to check.</summary>
    private static async ValueTask<object?> RequireActiveRegistrationOfSpecialistsAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        invocation.HttpContext.User.IsInRole(Roles.Specialist)
            ? await AttestationsApi.RequireActiveRegistrationAsync(invocation, next)
            : await next(invocation);

    /// <summary>
    /// The run for the caller: a specialist's own run, or a run on a plan the applicant may see (its own); null otherwise,
    /// so another's run is not found, exactly like a missing one.
    /// </summary>
    private static async Task<RunState?> LoadForCallerAsync(Guid runId, ClaimsPrincipal user, RunStatements statements, PlanStore plans, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        if (caller.Role != Roles.Applicant)
        {
            return await AttestationsApi.LoadOwnAsync(runId, user, statements, cancellationToken);
        }

        var state = await statements.LoadAsync(runId, cancellationToken);
        return state is not null && await plans.GetAsync(state.Run.PlanId, PlanScope.For(caller), cancellationToken) is not null ? state : null;
    }

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int maxBytes, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            return null;
        }

        // The service's request limit is sized for plan documents; this endpoint takes files up to the evidence limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string DownloadPath(Guid planId, string sha256) => $"/api/v1/plans/{planId}/evidence/{sha256}";

    private static EvidenceFileView View(EvidenceFileRow file) =>
        new(file.ItemId, file.Name, file.Sha256, file.MediaType, file.Size, file.UploadedAt, DownloadPath(file.PlanId, file.Sha256));
}
