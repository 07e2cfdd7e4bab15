-- Orleans ADO.NET reminders on SQL Server / Azure SQL. Run after SQLServer-Main.sql.
-- Idempotent: the table is created when missing and every query text is replaced with this version's.
-- Rows are keyed by the service id (Workers:ServiceId), so every deployment of the app shares its reminders.

IF OBJECT_ID(N'dbo.OrleansRemindersTable', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.OrleansRemindersTable
    (
        ServiceId NVARCHAR(150) NOT NULL,
        GrainId VARCHAR(150) NOT NULL,
        ReminderName NVARCHAR(150) NOT NULL,
        StartTime DATETIME2(3) NOT NULL,
        Period BIGINT NOT NULL,
        GrainHash INT NOT NULL,
        Version INT NOT NULL,
        CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
    );
END;

DELETE FROM dbo.OrleansQuery WHERE QueryKey IN
(
    'UpsertReminderRowKey', 'ReadReminderRowsKey', 'ReadReminderRowKey', 'ReadRangeRows1Key', 'ReadRangeRows2Key',
    'DeleteReminderRowKey', 'DeleteReminderRowsKey'
);

INSERT INTO dbo.OrleansQuery (QueryKey, QueryText) VALUES
-- Creates or updates a reminder; answers its new version (the etag).
('UpsertReminderRowKey', '
SET XACT_ABORT, NOCOUNT ON;
DECLARE @NewVersion INT = 0;
BEGIN TRANSACTION;
UPDATE dbo.OrleansRemindersTable WITH (UPDLOCK, ROWLOCK, HOLDLOCK)
SET StartTime = @StartTime, Period = @Period, GrainHash = @GrainHash, @NewVersion = Version = Version + 1
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
IF @@ROWCOUNT = 0
    INSERT INTO dbo.OrleansRemindersTable (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0);
COMMIT TRANSACTION;
SELECT @NewVersion AS Version;
'),

-- A grain''s reminders.
('ReadReminderRowsKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM dbo.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
'),

-- One reminder of a grain.
('ReadReminderRowKey', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM dbo.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
'),

-- The reminders of a silo''s hash range (BeginHash, EndHash].
('ReadRangeRows1Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM dbo.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
'),

-- The reminders of a hash range that wraps around: above BeginHash or up to EndHash.
('ReadRangeRows2Key', '
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM dbo.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
'),

-- Deletes a reminder if its version is the caller''s; answers the rows deleted.
('DeleteReminderRowKey', '
SET NOCOUNT ON;
DELETE FROM dbo.OrleansRemindersTable
WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName AND Version = @Version;
SELECT @@ROWCOUNT;
'),

-- Deletes every reminder of the service.
('DeleteReminderRowsKey', '
DELETE FROM dbo.OrleansRemindersTable WHERE ServiceId = @ServiceId;
');
