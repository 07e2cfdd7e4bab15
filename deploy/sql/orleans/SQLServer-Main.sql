-- Orleans ADO.NET providers on SQL Server / Azure SQL: the query table (run first).
-- Written for this app against the providers' contract (Microsoft.Orleans.Clustering.AdoNet and
-- Microsoft.Orleans.Reminders.AdoNet 10.4.2): the providers read every statement they run from OrleansQuery by key,
-- bind parameters by name (@DeploymentId, @ServiceId, ...) and read result columns by name.
-- Idempotent: safe to run on every deployment. See docs/workers.md.

-- Readers do not block writers (the membership protocol reads and writes the same rows often).
IF NOT EXISTS (SELECT 1 FROM sys.databases WHERE name = DB_NAME() AND is_read_committed_snapshot_on = 1)
BEGIN
    DECLARE @db NVARCHAR(300) = QUOTENAME(DB_NAME());
    DECLARE @sql NVARCHAR(1000) = N'ALTER DATABASE ' + @db + N' SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE;';
    EXEC sp_executesql @sql;
END;

IF OBJECT_ID(N'dbo.OrleansQuery', N'U') IS NULL
BEGIN
    CREATE TABLE dbo.OrleansQuery
    (
        QueryKey VARCHAR(64) NOT NULL,
        QueryText VARCHAR(8000) NOT NULL,
        CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
    );
END;
