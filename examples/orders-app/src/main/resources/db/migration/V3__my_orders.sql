-- "My orders": an order may belong to a workspace user (o_owner holds the user's PostgreSQL role,
-- their e-mail). Row-level security lets a session logged in as that user (the per-user pools,
-- lakebase.user-pools.enabled) see and change only the user's own orders. The app's service
-- principal owns the tables and runs the migrations; RLS is enabled without FORCE, so the owner
-- is not subject to the policy and /orders keeps seeing every order.

ALTER TABLE orders ADD COLUMN o_owner TEXT;
CREATE INDEX orders_owner_orderkey ON orders (o_owner, o_orderkey) WHERE o_owner IS NOT NULL;

ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_of_current_user ON orders
  USING (o_owner = current_user)
  WITH CHECK (o_owner = current_user);

-- The privileges of users of the app: granted to a group role, which users are made members of
-- (GRANT orders_users TO "someone@example.com"; the embedded default does it for its demo users).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orders_users') THEN
    CREATE ROLE orders_users NOLOGIN;
  END IF;
END
$$;
GRANT SELECT ON orders TO orders_users;
GRANT UPDATE (o_orderstatus, o_comment) ON orders TO orders_users;
-- The audit trigger runs as the user who changes a row: it inserts the audit row as that user.
GRANT INSERT ON audit_log TO orders_users;
