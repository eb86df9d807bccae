-- The two sample ingest tables. Every ingest table has ingest_id uuid UNIQUE: the idempotency
-- key that lets a batch be retried without inserting a row twice.

CREATE TABLE ingest.sensor_readings (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ingest_id   uuid NOT NULL UNIQUE,
  device      varchar(64) NOT NULL,
  temperature double precision NOT NULL,
  humidity    real CHECK (humidity BETWEEN 0 AND 100),
  description text,
  recorded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ingest.device_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ingest_id   uuid NOT NULL UNIQUE,
  device      varchar(64) NOT NULL,
  event_type  varchar(32) NOT NULL,
  battery_pct smallint,
  firmware    text,
  payload     jsonb,
  occurred_at timestamptz NOT NULL
);
