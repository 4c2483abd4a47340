using Microsoft.Net.Http.Headers;

namespace Assessor.Service.Http;

/// <summary>
/// The headers every response carries (<c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>, a Content Security Policy),
/// HSTS over HTTPS outside Development, no <c>Server</c> header, and the Swagger UI only where it is enabled.
/// </summary>
public static class SecurityHeaders
{
    public const string SwaggerUiSetting = "Assessor:SwaggerUi:Enabled";

    /// <summary>
    /// HTML reports: no script of any kind, nothing fetched (the QR code is inline SVG, the fonts are the system's); only
    /// the report's own inline <c>&lt;style&gt;</c>. Inline styles are allowed rather than hashed because certified reports
    /// are immutable bytes from the templates of their day; every applicant string is escaped, so no style can be injected.
    /// </summary>
    public const string ReportPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>JSON, problems, Markdown: nothing to run or load, and never framed.</summary>
    public const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Console pages: no script at all (the pages work without it), styles and images only from the service's own files,
    /// forms only to the service itself, never framed.
    /// </summary>
    public const string ConsolePolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The Swagger UI runs its own scripts, and browsers show PDFs in a viewer of their own: only framing is refused.</summary>
    public const string FramingPolicy = "frame-ancestors 'none'";

    public static WebApplicationBuilder AddSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>First in the pipeline, so that every answer, errors included, gets the headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // Sent only on HTTPS requests (and never for localhost), as the standard asks.
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(AddHeaders, context);
            return next(context);
        });
        return app;
    }

    /// <summary>The Swagger UI: on in Development, off elsewhere unless <c>Assessor:SwaggerUi:Enabled</c> is true.</summary>
    public static bool SwaggerUiEnabled(this WebApplication app) =>
        app.Configuration.GetValue<bool?>(SwaggerUiSetting) ?? app.Environment.IsDevelopment();

    /// <summary>Responses of these endpoints are never stored by a cache (they show an API key once).</summary>
    public static TBuilder NoStore<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            invocation.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(invocation);
        }).WithSuccessHeaders(ResponseHeader.NoStore);

    private static Task AddHeaders(object state)
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = PolicyFor(context);
        return Task.CompletedTask;
    }

    private static string PolicyFor(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/swagger"))
        {
            return FramingPolicy;
        }

        var mediaType = MediaTypeHeaderValue.TryParse(context.Response.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        return mediaType?.ToLowerInvariant() switch
        {
            "text/html" when context.GetEndpoint()?.Metadata.GetMetadata<ConsolePageMetadata>() is not null => ConsolePolicy,
            "text/html" => ReportPolicy,
            "application/pdf" => FramingPolicy,
            _ => DataPolicy,
        };
    }
}

/// <summary>Marks the console's pages, which get <see cref="SecurityHeaders.ConsolePolicy"/> instead of the reports' policy.</summary>
public sealed class ConsolePageMetadata;
