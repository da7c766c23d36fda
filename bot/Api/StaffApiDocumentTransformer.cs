using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BriefingBot.Bot.Api;

/// <summary>
/// Describes the staff API's security in the OpenAPI document: the <c>X-Api-Key</c> header and the bearer token (an
/// API key or an Entra ID JWT), required by every staff operation.
/// </summary>
public sealed class StaffApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "BriefingBot staff and integration API";
        document.Info.Description = "Ask, search and manage the briefing memory. Authenticate with an API key (X-Api-Key or Authorization: Bearer) " +
            "or an Entra ID access token; without either configured the API answers loopback callers only. Errors are RFC 7807 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = StaffAuthentication.ApiKeyHeader,
            Description = "An API key from Api:Keys (create one with 'bot api-key NAME').",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT or API key",
            Description = "An Entra ID access token for the API's audience with an app role (Api:Entra), or an API key.",
        };

        var staffOperations = context.DescriptionGroups.SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy is StaffAuthentication.ReadPolicy or StaffAuthentication.WritePolicy))
            .Select(d => ("/" + d.RelativePath?.TrimStart('/'), d.HttpMethod?.ToUpperInvariant()))
            .ToHashSet();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (!staffOperations.Contains((path, method.Method.ToUpperInvariant())))
                {
                    continue;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] });
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
            }
        }

        return Task.CompletedTask;
    }
}
