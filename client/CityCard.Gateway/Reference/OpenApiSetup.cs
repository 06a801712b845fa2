using CityCard.Http;
using CityCard.Gateway.Access;
using CityCard.Gateway.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CityCard.Gateway.Reference;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, generated from the endpoints themselves, with the API key scheme and the
/// Idempotency-Key header added where the endpoints' metadata call for them.
/// </summary>
public static class OpenApiSetup
{
    private const string SchemeName = "ApiKey";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services, GatewaySettings settings)
    {
        services.AddOpenApi("v1", options =>
        {
            OpenApiContract.Add(options, settings);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = $"CityCard gateway ({settings.City})",
                    Version = "v1",
                    Description = "One city's gateway to the CityCard cluster. Authenticate with X-Api-Key: {keyId}.{secret}. " +
                        "Mutating requests need an Idempotency-Key. Errors are application/problem+json with a named code; see /docs.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = ApiKey.Header,
                    Description = "{keyId}.{secret}, one key per city and role (terminal, service-desk, operations), or a region's clearing key (valid at every gateway).",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Times are read by our own converter (StrictTimeConverter), which hides their type from the schema
                // generator: say what they are, and that the offset is required.
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateTimeOffset) || type == typeof(DateTimeOffset?))
                {
                    schema.Type = type == typeof(DateTimeOffset) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "date-time";
                    schema.Pattern = WireTime.Pattern;
                    schema.Description = $"ISO 8601 with seconds and an explicit offset (Z or ±hh:mm), e.g. {WireTime.Example}; years {WireTime.FirstYear} to {WireTime.LastYear}.";
                }

                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<AccessMetadata>().FirstOrDefault() is { } access)
                {
                    var rule = AccessRules.Table[access.Operation];
                    operation.Description = $"Roles: {string.Join(", ", rule.Roles.Select(r => r.Name()))}. " +
                        rule.Scope switch
                        {
                            CardScope.OwnCards => "Only for cards this city issued.",
                            CardScope.NoCard => "No card.",
                            _ => "Any card of the region.",
                        };
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                }

                if (metadata.OfType<IdempotentMetadata>().Any())
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = OperationIds.Header,
                        In = ParameterLocation.Header,
                        Required = true,
                        Description = $"1 to {OperationIds.MaxKeyLength} {CityCard.Contracts.Identifier.Characters}; a retry with the same key returns the first outcome.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = OperationIds.MaxKeyLength },
                    });
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }
}
