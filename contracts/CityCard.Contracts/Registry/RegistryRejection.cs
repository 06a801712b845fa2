using System.Text.Json.Serialization;

namespace CityCard.Contracts;

/// <summary>Every reason a registry command can be refused, by name. A refused command records nothing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegistryRejection>))]
public enum RegistryRejection
{
    // Malformed requests (400).
    InvalidOperationId = 1,
    InvalidActor = 2,
    InvalidOperatorId = 3,
    InvalidTerminalId = 4,

    /// <summary>An operator's name, a bank or a reason that is blank, too long or has control characters.</summary>
    InvalidText = 5,

    /// <summary>An account number that is not 4 to 34 letters or digits.</summary>
    InvalidAccountNumber = 6,

    /// <summary>No category, one named twice, or more than there are.</summary>
    InvalidCategories = 7,

    /// <summary>A key hash that is not 64 hex digits (the gateway makes it; a caller never should).</summary>
    InvalidKeyHash = 8,

    // Earlier use of the operation id (409).
    OperationConflict = 10,

    // The registry's state (404, 409).
    OperatorNotFound = 20,
    TerminalNotFound = 21,
    OperatorAlreadyRegistered = 22,
    TerminalAlreadyRegistered = 23,

    /// <summary>A terminal is registered only to an active operator, and made active only while its operator is.</summary>
    OperatorSuspended = 24,

    /// <summary>A retired terminal changes no more: no new key, no other status.</summary>
    TerminalRetired = 25,

    /// <summary>The operator or terminal already has the status asked for.</summary>
    StatusUnchanged = 26,

    /// <summary>The city's registry holds as many operators or terminals as it may (422).</summary>
    RegistryFull = 30,
}
