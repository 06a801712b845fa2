using CityCard.Gateway.Access;
using CityCard.Gateway.Registry;
using Microsoft.AspNetCore.Authorization;

namespace CityCard.Gateway.Http;

/// <summary>
/// Authentication before anything else. Right after routing, and before any endpoint, filter or check runs, every
/// request but the public pages (<c>/health</c>, <c>/docs</c>, <c>/openapi/v1.json</c>, marked
/// <c>AllowAnonymous</c>) must carry a valid key: without one it is 401, whatever else is wrong with it and wherever
/// it goes, an unknown path or a wrong method included. So an anonymous caller learns nothing about an endpoint, not
/// even whether it exists; what a key may do is <see cref="AccessFilter"/>'s business, after this.
/// </summary>
public sealed partial class Authentication(RequestDelegate next, ApiKeyRing keys, TerminalKeyVerifier terminals, GatewaySettings settings, ILogger<Authentication> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            await next(http);
            return;
        }

        var presented = http.Request.Headers[ApiKey.Header];
        AuthenticationFailure failure;
        string? keyId = null;
        var caller = presented.Count > 1
            ? Refused(AuthenticationFailure.InvalidApiKey, out failure)
            : TerminalKeys.TryParse(presented.ToString(), out var terminalId, out var secret)
                ? await TerminalAsync(terminalId, secret, out failure)
                : keys.Authenticate(presented.ToString(), out failure, out keyId);
        if (caller is null)
        {
            LogUnauthenticated(logger, http.Request.Method, failure, keyId ?? "(not a known key id)");
            await Problems.Gateway(failure == AuthenticationFailure.MissingApiKey ? ProblemCodes.MissingApiKey : ProblemCodes.InvalidApiKey).ExecuteAsync(http);
            return;
        }

        http.SetCaller(caller);
        await next(http);
    }

    /// <summary>
    /// A registered terminal's own key (<c>tk:{terminal}.{secret}</c>), checked against the city's registry: a
    /// terminal-role caller of this city bound to that terminal (docs/decisions/0091).
    /// </summary>
    private Task<Caller?> TerminalAsync(string terminalId, string secret, out AuthenticationFailure failure)
    {
        failure = AuthenticationFailure.InvalidApiKey;
        return Verified(terminals.VerifyAsync(terminalId, secret), terminalId, settings);

        static async Task<Caller?> Verified(Task<Contracts.TerminalCredential?> check, string terminalId, GatewaySettings settings) =>
            await check is { } credential
                ? new Caller($"{TerminalKeys.Prefix}{terminalId}", settings.City, Role.Terminal) { Terminal = credential }
                : null;
    }

    /// <summary>Two X-Api-Key headers are one too many: neither is taken.</summary>
    private static Caller? Refused(AuthenticationFailure why, out AuthenticationFailure failure)
    {
        failure = why;
        return null;
    }

    // The path is not logged: before authentication it is anyone's text.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Unauthenticated {Method} request: {Failure} (key id {KeyId})")]
    private static partial void LogUnauthenticated(ILogger logger, string method, AuthenticationFailure failure, string keyId);
}
