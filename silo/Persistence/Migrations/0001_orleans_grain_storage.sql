-- Orleans ADO.NET grain storage, written for ChitLaq from the provider's contract
-- (the Microsoft.Orleans.Persistence.AdoNet package ships no SQL).
-- One row per (service, grain, state name). "version" is the optimistic-concurrency ETag.

CREATE TABLE orleans_storage (
    service_id                 varchar(150)  NOT NULL,
    grain_type_hash            integer       NOT NULL,
    grain_type_string          varchar(512)  NOT NULL,
    grain_id_hash              integer       NOT NULL,
    grain_id_n0                bigint        NOT NULL,
    grain_id_n1                bigint        NOT NULL,
    -- '' when the grain key has no string part, so that the key is a plain unique tuple.
    grain_id_extension_string  varchar(1024) NOT NULL DEFAULT '',
    payload_binary             bytea,
    modified_on                timestamptz   NOT NULL DEFAULT now(),
    version                    integer       NOT NULL,
    -- The unique key is what makes a racing first write insert exactly once.
    CONSTRAINT pk_orleans_storage PRIMARY KEY
        (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, grain_type_string, grain_id_extension_string)
);

-- The queries the provider loads at start-up (it runs SELECT QueryKey, QueryText FROM OrleansQuery,
-- unquoted, so PostgreSQL folds the names to lower case). Parameters are bound by name and cast
-- in the text, because PostgreSQL cannot infer the type of a NULL parameter on its own.
CREATE TABLE OrleansQuery (
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT payload_binary AS "PayloadBinary", modified_on AS "ModifiedOn", version AS "Version"
FROM orleans_storage
WHERE service_id = @ServiceId::text
  AND grain_id_hash = @GrainIdHash::integer
  AND grain_type_hash = @GrainTypeHash::integer
  AND grain_id_n0 = @GrainIdN0::bigint
  AND grain_id_n1 = @GrainIdN1::bigint
  AND grain_type_string = @GrainTypeString::text
  AND grain_id_extension_string = COALESCE(@GrainIdExtensionString::text, '''')
'),
-- Update when the stored version equals the caller''s; insert exactly once when the caller has
-- none. Returning no row tells the provider that nothing was written (InconsistentStateException).
('WriteToStorageKey', '
WITH updated AS (
    UPDATE orleans_storage
       SET payload_binary = @PayloadBinary::bytea, modified_on = now(), version = version + 1
     WHERE @GrainStateVersion::integer IS NOT NULL
       AND service_id = @ServiceId::text
       AND grain_id_hash = @GrainIdHash::integer
       AND grain_type_hash = @GrainTypeHash::integer
       AND grain_id_n0 = @GrainIdN0::bigint
       AND grain_id_n1 = @GrainIdN1::bigint
       AND grain_type_string = @GrainTypeString::text
       AND grain_id_extension_string = COALESCE(@GrainIdExtensionString::text, '''')
       AND version = @GrainStateVersion::integer
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1,
                                 grain_type_string, grain_id_extension_string, payload_binary, modified_on, version)
    SELECT @ServiceId::text, @GrainIdHash::integer, @GrainTypeHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint,
           @GrainTypeString::text, COALESCE(@GrainIdExtensionString::text, ''''), @PayloadBinary::bytea, now(), 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version AS "NewGrainStateVersion" FROM inserted
'),
('ClearStorageKey', '
UPDATE orleans_storage
   SET payload_binary = NULL, modified_on = now(), version = version + 1
 WHERE service_id = @ServiceId::text
   AND grain_id_hash = @GrainIdHash::integer
   AND grain_type_hash = @GrainTypeHash::integer
   AND grain_id_n0 = @GrainIdN0::bigint
   AND grain_id_n1 = @GrainIdN1::bigint
   AND grain_type_string = @GrainTypeString::text
   AND grain_id_extension_string = COALESCE(@GrainIdExtensionString::text, '''')
   AND version = @GrainStateVersion::integer
RETURNING version AS "NewGrainStateVersion"
');
