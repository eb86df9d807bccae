-- Status of CSV imports (POST /import/{table}, GET /tasks/{id}), kept in Lakebase so it
-- survives a restart of the application.
CREATE TABLE ingest.ingest_tasks (
  id             uuid PRIMARY KEY,
  table_key      text NOT NULL,
  target_table   text NOT NULL,
  state          text NOT NULL
                 CONSTRAINT ingest_tasks_state
                 CHECK (state IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
  file_bytes     bigint NOT NULL,
  rows_read      bigint NOT NULL DEFAULT 0,
  rows_imported  bigint NOT NULL DEFAULT 0,
  bad_line_count bigint NOT NULL DEFAULT 0,
  bad_lines      jsonb NOT NULL DEFAULT '[]',
  error          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Restart recovery looks up the unfinished ones.
CREATE INDEX ingest_tasks_unfinished ON ingest.ingest_tasks (state)
  WHERE state IN ('PENDING', 'RUNNING');
