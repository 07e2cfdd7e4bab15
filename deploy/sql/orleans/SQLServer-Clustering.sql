-- Orleans ADO.NET clustering (membership) on SQL Server / Azure SQL. Run after SQLServer-Main.sql.
-- Idempotent: tables are created when missing and every query text is replaced with this version's.
-- Status 6 is SiloStatus.Dead. Versions guard the membership table: a write succeeds only when the caller saw the
-- current version, and every successful write bumps it (the protocol's optimistic concurrency).

IF OBJECT_ID(N'dbo.OrleansMembershipVersionTable', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.OrleansMembershipVersionTable
    (
        DeploymentId NVARCHAR(150) NOT NULL,
        Timestamp DATETIME2(3) NOT NULL CONSTRAINT DF_OrleansMembershipVersionTable_Timestamp DEFAULT SYSUTCDATETIME(),
        Version INT NOT NULL CONSTRAINT DF_OrleansMembershipVersionTable_Version DEFAULT 0,
        CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
    );
END;

IF OBJECT_ID(N'dbo.OrleansMembershipTable', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.OrleansMembershipTable
    (
        DeploymentId NVARCHAR(150) NOT NULL,
        Address VARCHAR(45) NOT NULL,
        Port INT NOT NULL,
        Generation INT NOT NULL,
        SiloName NVARCHAR(150) NOT NULL,
        HostName NVARCHAR(150) NOT NULL,
        Status INT NOT NULL,
        ProxyPort INT NULL,
        SuspectTimes VARCHAR(8000) NULL,
        StartTime DATETIME2(3) NOT NULL,
        IAmAliveTime DATETIME2(3) NOT NULL,
        CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
        CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId FOREIGN KEY (DeploymentId)
            REFERENCES dbo.OrleansMembershipVersionTable (DeploymentId)
    );
END;

DELETE FROM dbo.OrleansQuery WHERE QueryKey IN
(
    'UpdateIAmAlivetimeKey', 'InsertMembershipVersionKey', 'InsertMembershipKey', 'UpdateMembershipKey',
    'GatewaysQueryKey', 'MembershipReadRowKey', 'MembershipReadAllKey', 'DeleteMembershipTableEntriesKey',
    'CleanupDefunctSiloEntriesKey', 'CleanupDefunctSiloEntryKey'
);

INSERT INTO dbo.OrleansQuery (QueryKey, QueryText) VALUES
-- A silo's heartbeat; the time only moves forward.
('UpdateIAmAlivetimeKey', '
SET NOCOUNT ON;
UPDATE dbo.OrleansMembershipTable
SET IAmAliveTime = IIF(IAmAliveTime > @IAmAliveTime, IAmAliveTime, @IAmAliveTime)
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
'),

-- The cluster''s version row, created once; answers 1 when this call created it.
('InsertMembershipVersionKey', '
SET NOCOUNT ON;
INSERT INTO dbo.OrleansMembershipVersionTable (DeploymentId)
SELECT @DeploymentId
WHERE @DeploymentId IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM dbo.OrleansMembershipVersionTable WITH (UPDLOCK, HOLDLOCK) WHERE DeploymentId = @DeploymentId);
SELECT @@ROWCOUNT;
'),

-- A new silo row, only if the caller saw the current version; answers the rows written (0 = conflict).
('InsertMembershipKey', '
SET XACT_ABORT, NOCOUNT ON;
DECLARE @written INT = 0;
BEGIN TRANSACTION;
UPDATE dbo.OrleansMembershipVersionTable
SET Version = Version + 1, Timestamp = SYSUTCDATETIME()
WHERE DeploymentId = @DeploymentId AND Version = @Version AND Version < 2147483647;
IF @@ROWCOUNT > 0
BEGIN
    INSERT INTO dbo.OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    WHERE NOT EXISTS
    (
        SELECT 1 FROM dbo.OrleansMembershipTable WITH (UPDLOCK, HOLDLOCK)
        WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
    );
    SET @written = @@ROWCOUNT;
END;
IF @written > 0 COMMIT TRANSACTION; ELSE ROLLBACK TRANSACTION;
SELECT @written;
'),

-- A silo row''s status and suspicions, only if the caller saw the current version; answers the rows written.
('UpdateMembershipKey', '
SET XACT_ABORT, NOCOUNT ON;
DECLARE @written INT = 0;
BEGIN TRANSACTION;
UPDATE dbo.OrleansMembershipVersionTable
SET Version = Version + 1, Timestamp = SYSUTCDATETIME()
WHERE DeploymentId = @DeploymentId AND Version = @Version AND Version < 2147483647;
IF @@ROWCOUNT > 0
BEGIN
    UPDATE dbo.OrleansMembershipTable
    SET Status = @Status,
        SuspectTimes = @SuspectTimes,
        IAmAliveTime = IIF(IAmAliveTime > @IAmAliveTime, IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation;
    SET @written = @@ROWCOUNT;
END;
IF @written > 0 COMMIT TRANSACTION; ELSE ROLLBACK TRANSACTION;
SELECT @written;
'),

-- The gateways clients may use: silos in the given status with a proxy port.
('GatewaysQueryKey', '
SELECT Address, ProxyPort, Generation
FROM dbo.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
'),

-- One silo row with the table version (the version row alone when the silo has none).
('MembershipReadRowKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM dbo.OrleansMembershipVersionTable AS v WITH (HOLDLOCK)
LEFT JOIN dbo.OrleansMembershipTable AS m WITH (HOLDLOCK)
    ON m.DeploymentId = v.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId;
'),

-- Every silo row with the table version.
('MembershipReadAllKey', '
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
       m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
FROM dbo.OrleansMembershipVersionTable AS v WITH (HOLDLOCK)
LEFT JOIN dbo.OrleansMembershipTable AS m WITH (HOLDLOCK) ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId;
'),

-- Forgets a whole cluster (its silo rows, then its version row).
('DeleteMembershipTableEntriesKey', '
DELETE FROM dbo.OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
DELETE FROM dbo.OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
'),

-- Removes dead silos not heard of since the given time and suspected by no one.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM dbo.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
  AND ISNULL(SuspectTimes, '''') = '''';
'),

-- Removes one dead silo row, only if it is still exactly as the caller read it.
('CleanupDefunctSiloEntryKey', '
DELETE FROM dbo.OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Status = 6
  AND Address = @Address AND Port = @Port AND Generation = @Generation
  AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
  AND CONVERT(VARBINARY(8000), ISNULL(SuspectTimes, '''')) = CONVERT(VARBINARY(8000), CONVERT(VARCHAR(8000), ISNULL(@SuspectTimes, '''')));
');
