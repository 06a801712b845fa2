using CityCard.Contracts;

namespace CityCard.Gateway.Registry;

/// <summary>
/// The HTTP status of each registry refusal (a refusal recorded nothing): 400 the request's shape; 404 no such
/// operator or terminal; 409 the registry's state or an earlier use of the key; 422 the registry is full.
/// </summary>
public static class RegistryRejectionStatus
{
    // No discard arm: a new code must be given its status here, or the build fails (CS8509).
#pragma warning disable CS8524 // unnamed enum values cannot reach here: the grains only return named codes
    public static int For(RegistryRejection code) => code switch
    {
        RegistryRejection.InvalidOperationId => 400,
        RegistryRejection.InvalidActor => 400,
        RegistryRejection.InvalidOperatorId => 400,
        RegistryRejection.InvalidTerminalId => 400,
        RegistryRejection.InvalidText => 400,
        RegistryRejection.InvalidAccountNumber => 400,
        RegistryRejection.InvalidCategories => 400,
        RegistryRejection.InvalidKeyHash => 400,
        RegistryRejection.OperationConflict => 409,
        RegistryRejection.OperatorNotFound => 404,
        RegistryRejection.TerminalNotFound => 404,
        RegistryRejection.OperatorAlreadyRegistered => 409,
        RegistryRejection.TerminalAlreadyRegistered => 409,
        RegistryRejection.OperatorSuspended => 409,
        RegistryRejection.TerminalRetired => 409,
        RegistryRejection.StatusUnchanged => 409,
        RegistryRejection.RegistryFull => 422,
    };
#pragma warning restore CS8524
}
