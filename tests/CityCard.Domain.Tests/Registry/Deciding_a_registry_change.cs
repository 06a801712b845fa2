using CityCard.Domain.Registry;

namespace CityCard.Domain.Tests.Registry;

/// <summary>
/// A city's registry, Given (events) / When (command) / Then (an event, a replay or a named refusal). Every change is
/// one event naming who made it; a refusal records nothing; a retry replays; a reused id with other content conflicts.
/// </summary>
public sealed class Deciding_a_registry_change
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    private static RegistryState Given(params RegistryEvent[] events) => RegistryEvolver.Fold(RegistryState.Initial(City.LZ), events);

    private static RegisterOperatorRequest RegisterBus(string op = "op-1", string id = "LZ-BUS") =>
        new(op, "lz-ops", id, "Luzhou Bus", [Category.Bus], new SettlementAccount("ICBC Luzhou", "6222020000001234"));

    private static RegistryEvent Decided(RegistryState s, RegistryRequest r) =>
        Assert.IsType<RegistryDecision.Append>(RegistryDecider.Decide(s, r, Now)).Event;

    private static RegistryState WithBus() => Given(Decided(Given(), RegisterBus()));

    private static RegistryState WithTerminal()
    {
        var s = WithBus();
        return RegistryEvolver.Evolve(s, Decided(s, new RegisterTerminalRequest("op-2", "lz-ops", "LZ-T1", "LZ-BUS", HashA)));
    }

    private static RegistryRejection? Refusal(RegistryState s, RegistryRequest r) =>
        RegistryDecider.Decide(s, r, Now) is RegistryDecision.Reject reject ? reject.Code : null;

    [Fact]
    public void An_operator_is_registered_active_with_who_registered_it()
    {
        var registered = Assert.IsType<OperatorRegistered>(Decided(Given(), RegisterBus()));
        var view = Given(registered).Operator("LZ-BUS")!;

        Assert.Equal(("lz-ops", "ICBC Luzhou", "6222020000001234"), (registered.Actor, registered.Bank, registered.AccountNumber));
        Assert.Equal((OperatorStatus.Active, 1), (view.Status, view.Categories.Count));
        Assert.Equal("************1234", view.Account.Masked().AccountNumber);
    }

    [Fact]
    public void A_retry_replays_and_a_reused_id_with_other_content_conflicts()
    {
        var s = WithBus();

        Assert.IsType<RegistryDecision.Replay>(RegistryDecider.Decide(s, RegisterBus(), Now));
        Assert.Equal(RegistryRejection.OperationConflict, Refusal(s, RegisterBus(id: "LZ-COACH")));
    }

    [Fact]
    public void A_terminal_registration_retried_with_another_key_replays_rather_than_conflicts()
    {
        var s = WithTerminal();

        var retry = RegistryDecider.Decide(s, new RegisterTerminalRequest("op-2", "lz-ops", "LZ-T1", "LZ-BUS", HashB), Now);

        Assert.Equal("terminal:LZ-T1", Assert.IsType<RegistryDecision.Replay>(retry).Subject);
        Assert.Equal(HashA, s.Terminals["LZ-T1"].KeyHash);
    }

    [Fact]
    public void Rotating_a_key_replaces_its_hash()
    {
        var s = WithTerminal();
        var rotated = Assert.IsType<TerminalKeyRotated>(Decided(s, new RotateTerminalKeyRequest("op-3", "lz-ops", "LZ-T1", HashB)));

        Assert.Equal(HashB, RegistryEvolver.Evolve(s, rotated).Terminals["LZ-T1"].KeyHash);
        Assert.Equal("bbbbbbbb", RegistryEvolver.Evolve(s, rotated).Terminal("LZ-T1")!.KeyFingerprint);
    }

    [Fact]
    public void A_retired_terminal_changes_no_more()
    {
        var s = WithTerminal();
        s = RegistryEvolver.Evolve(s, Decided(s, new SetTerminalStatusRequest("op-3", "lz-ops", "LZ-T1", TerminalStatus.Retired, "broken")));

        Assert.Equal(TerminalStatus.Retired, s.Terminals["LZ-T1"].Status);
        Assert.Equal(RegistryRejection.TerminalRetired, Refusal(s, new RotateTerminalKeyRequest("op-4", "lz-ops", "LZ-T1", HashB)));
        Assert.Equal(RegistryRejection.TerminalRetired, Refusal(s, new SetTerminalStatusRequest("op-5", "lz-ops", "LZ-T1", TerminalStatus.Active, "back")));
    }

    [Fact]
    public void A_suspended_operator_gets_no_terminal_and_its_terminals_are_not_reinstated()
    {
        var s = WithTerminal();
        s = RegistryEvolver.Evolve(s, Decided(s, new SetTerminalStatusRequest("op-3", "lz-ops", "LZ-T1", TerminalStatus.Suspended, "audit")));
        s = RegistryEvolver.Evolve(s, Decided(s, new SetOperatorStatusRequest("op-4", "lz-ops", "LZ-BUS", OperatorStatus.Suspended, "unpaid fees")));

        Assert.Equal(RegistryRejection.OperatorSuspended, Refusal(s, new RegisterTerminalRequest("op-5", "lz-ops", "LZ-T2", "LZ-BUS", HashB)));
        Assert.Equal(RegistryRejection.OperatorSuspended, Refusal(s, new SetTerminalStatusRequest("op-6", "lz-ops", "LZ-T1", TerminalStatus.Active, "back")));
        Assert.Equal(RegistryRejection.StatusUnchanged, Refusal(s, new SetOperatorStatusRequest("op-7", "lz-ops", "LZ-BUS", OperatorStatus.Suspended, "again")));
    }

    public static TheoryData<string, RegistryRejection> Refusals() => new()
    {
        { "bad operation id", RegistryRejection.InvalidOperationId },
        { "bad actor", RegistryRejection.InvalidActor },
        { "bad operator id", RegistryRejection.InvalidOperatorId },
        { "blank name", RegistryRejection.InvalidText },
        { "bad account", RegistryRejection.InvalidAccountNumber },
        { "no category", RegistryRejection.InvalidCategories },
        { "a category twice", RegistryRejection.InvalidCategories },
        { "operator twice", RegistryRejection.OperatorAlreadyRegistered },
        { "change unknown", RegistryRejection.OperatorNotFound },
        { "terminal of unknown operator", RegistryRejection.OperatorNotFound },
        { "terminal twice", RegistryRejection.TerminalAlreadyRegistered },
        { "bad key hash", RegistryRejection.InvalidKeyHash },
        { "bad terminal id", RegistryRejection.InvalidTerminalId },
        { "rotate unknown", RegistryRejection.TerminalNotFound },
        { "suspend active twice", RegistryRejection.StatusUnchanged },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Each_refusal_is_named_and_records_nothing(string name, RegistryRejection code)
    {
        var account = new SettlementAccount("ICBC", "62220200");
        var (state, request) = name switch
        {
            "bad operation id" => (Given(), RegisterBus(op: "has space")),
            "bad actor" => (Given(), RegisterBus() with { Actor = "" }),
            "bad operator id" => (Given(), RegisterBus(id: "LZ BUS")),
            "blank name" => (Given(), RegisterBus() with { Name = " " }),
            "bad account" => (Given(), RegisterBus() with { Account = new SettlementAccount("ICBC", "12-34") }),
            "no category" => (Given(), RegisterBus() with { Categories = [] }),
            "a category twice" => (Given(), RegisterBus() with { Categories = [Category.Bus, Category.Bus] }),
            "operator twice" => (WithBus(), RegisterBus(op: "op-9")),
            "change unknown" => (Given(), (RegistryRequest)new ChangeOperatorRequest("op-9", "lz-ops", "LZ-NONE", "x", [Category.Bus], account)),
            "terminal of unknown operator" => (WithBus(), new RegisterTerminalRequest("op-9", "lz-ops", "LZ-T9", "LZ-NONE", HashA)),
            "terminal twice" => (WithTerminal(), new RegisterTerminalRequest("op-9", "lz-ops", "LZ-T1", "LZ-BUS", HashB)),
            "bad key hash" => (WithBus(), new RegisterTerminalRequest("op-9", "lz-ops", "LZ-T9", "LZ-BUS", "not-a-hash")),
            "bad terminal id" => (WithBus(), new RegisterTerminalRequest("op-9", "lz-ops", "LZ T9", "LZ-BUS", HashA)),
            "rotate unknown" => (WithBus(), new RotateTerminalKeyRequest("op-9", "lz-ops", "LZ-T9", HashA)),
            "suspend active twice" => (WithTerminal(), new SetTerminalStatusRequest("op-9", "lz-ops", "LZ-T1", TerminalStatus.Active, "x")),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        Assert.Equal(code, Refusal(state, request));
    }

    [Fact]
    public void Every_registry_event_has_a_pinned_name_and_a_subject()
    {
        var types = typeof(RegistryEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(RegistryEvent)) && !t.IsAbstract).ToHashSet();

        Assert.Equal(types, RegistryEventTypes.Names.Keys.ToHashSet());
        Assert.All(RegistryEventTypes.Names.Values, n => Assert.Matches(@"^registry_[a-z_]+\.v\d+$", n));
        Assert.Equal(RegistryEventTypes.Names.Count, RegistryEventTypes.Names.Values.Distinct().Count());
        Assert.Empty(RegistryEventTypes.Names.Values.Intersect(CardEventTypes.Names.Values.Concat(Domain.Disputes.DisputeEventTypes.Names.Values)));
    }
}
