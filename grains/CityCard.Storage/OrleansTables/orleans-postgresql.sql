-- CityCard's schema for the Orleans ADO.NET providers on PostgreSQL: clustering (membership) and reminders.
-- The NuGet packages ship no SQL; Orleans only needs, in its search path, a table OrleansQuery holding the queries
-- it runs (looked up by key), and whatever tables those queries use. Parameter names (@X) and result column
-- names are the contract with Orleans 10.4; everything else here is ours.
--
-- Applied on every silo start (see OrleansSchema.cs): idempotent, serialised by an advisory lock, and each query's
-- text is upserted so that a newer silo brings its newer queries. All objects live in the schema "orleans"; the
-- providers' connection string sets Search Path=orleans and Timezone=UTC, so Orleans' UTC DateTimes compare
-- exactly with what it stored.

CREATE SCHEMA IF NOT EXISTS orleans;
SET LOCAL search_path = orleans;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

-- ---------------------------------------------------------------------------------------------------------------
-- Clustering. One version row per cluster (DeploymentId = ClusterId) acts as the table's optimistic-concurrency
-- token: every membership change must name the version it read and bumps it, or changes nothing.
-- Silo status 6 is Dead.

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL PRIMARY KEY,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Bumps the cluster's version if it is still the one the caller read; true when it did.
CREATE OR REPLACE FUNCTION citycard_bump_membership_version(cluster varchar, expected integer)
RETURNS boolean LANGUAGE sql SET search_path = orleans AS $$
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1, Timestamp = now()
        WHERE DeploymentId = cluster AND Version = expected AND expected IS NOT NULL AND Version < 2147483647
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM bumped);
$$;

-- A silo joins: version bump and row insert happen together or not at all.
CREATE OR REPLACE FUNCTION citycard_insert_member(
    cluster varchar, address varchar, port integer, generation integer, silo_name varchar, host_name varchar,
    status integer, proxy_port integer, start_time timestamptz, alive_time timestamptz, expected integer)
RETURNS integer LANGUAGE plpgsql SET search_path = orleans AS $$
BEGIN
    IF NOT citycard_bump_membership_version(cluster, expected) THEN
        RETURN 0;
    END IF;
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES (cluster, address, port, generation, silo_name, host_name, status, proxy_port, start_time, alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        -- The silo is already a member: undo the bump by failing this statement's work.
        RAISE EXCEPTION 'membership row exists' USING ERRCODE = 'unique_violation';
    END IF;
    RETURN 1;
EXCEPTION WHEN unique_violation THEN
    RETURN 0;
END;
$$;

-- A silo's status or suspicions change: version bump and row update together or not at all.
CREATE OR REPLACE FUNCTION citycard_update_member(
    cluster varchar, address_arg varchar, port_arg integer, generation_arg integer, status_arg integer,
    suspect_times varchar, alive_time timestamptz, expected integer)
RETURNS integer LANGUAGE plpgsql SET search_path = orleans AS $$
BEGIN
    IF NOT citycard_bump_membership_version(cluster, expected) THEN
        RETURN 0;
    END IF;
    UPDATE OrleansMembershipTable
    SET Status = status_arg, SuspectTimes = suspect_times, IAmAliveTime = GREATEST(IAmAliveTime, alive_time)
    WHERE DeploymentId = cluster AND Address = address_arg AND Port = port_arg AND Generation = generation_arg;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no membership row' USING ERRCODE = 'no_data_found';
    END IF;
    RETURN 1;
EXCEPTION WHEN no_data_found THEN
    RETURN 0;
END;
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::integer FROM inserted;'),
('InsertMembershipKey', '
    SELECT citycard_insert_member(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
        @ProxyPort, @StartTime, @IAmAliveTime, @Version);'),
('UpdateMembershipKey', '
    SELECT citycard_update_member(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
        @IAmAliveTime, @Version);'),
('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
        ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;'),
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
        AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime AND COALESCE(SuspectTimes, '''') = '''';'),
('CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
        AND Address = @Address AND Port = @Port AND Generation = @Generation
        AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
        AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ---------------------------------------------------------------------------------------------------------------
-- Reminders. GrainHash places a reminder on the silos' hash ring; Version is the row's etag.

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(150)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS OrleansRemindersTable_Ring ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', '
    INSERT INTO OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period::bigint, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = excluded.StartTime, Period = excluded.Period, GrainHash = excluded.GrainHash,
            Version = OrleansRemindersTable.Version + 1
    RETURNING Version;'),
('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;'),
('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;'),
('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;'),
('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);'),
('DeleteReminderRowKey', '
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version
        RETURNING 1)
    SELECT count(*)::integer FROM deleted;'),
('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ---------------------------------------------------------------------------------------------------------------
-- The city gateways' role. A gateway only finds the silos (Orleans' client reads the query table, then the live
-- silos' gateway addresses from the membership table), so that is all it may read: no card data, no reminders, no
-- writes, no membership functions. Where this connection may create roles (a local server), the role is created
-- here, NOLOGIN: whoever runs the gateways gives it a login and password. Where it may not (CloudNativePG's
-- application owner), the PostgreSQL cluster's managed roles create it with its login (deploy/k8s/postgres), and
-- this only grants; until then the silo warns and starts. Roles belong to the server, grants to this database.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'citycard_gateway') THEN
        IF NOT (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
            RAISE WARNING 'role citycard_gateway does not exist and % may not create it: the gateways cannot find the silos until it exists (then restart a silo)', current_user;
            RETURN;
        END IF;
        BEGIN
            CREATE ROLE citycard_gateway NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL; -- a silo of another database on this server created it meanwhile
        END;
    END IF;
    GRANT USAGE ON SCHEMA orleans TO citycard_gateway;
    GRANT SELECT ON OrleansQuery, OrleansMembershipTable TO citycard_gateway;
END
$$;

-- Functions are executable by everyone unless revoked; these change membership and are the silos' alone.
REVOKE EXECUTE ON FUNCTION citycard_bump_membership_version(varchar, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION citycard_insert_member(varchar, varchar, integer, integer, varchar, varchar, integer, integer, timestamptz, timestamptz, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION citycard_update_member(varchar, varchar, integer, integer, integer, varchar, timestamptz, integer) FROM PUBLIC;
