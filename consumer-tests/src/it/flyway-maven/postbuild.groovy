// The migrations ran through the Lakebase driver: the tables exist, Flyway's history says the
// workspace identity installed them, and the workspace API minted a token.
def emulator = context.emulator
try {
  def log = new File(basedir, 'build.log').getText('UTF-8')
  assert log.contains('Successfully applied 2 migrations')
  def c = emulator.adminDataSource().getConnection()
  try {
    def rs = c.createStatement().executeQuery(
        "select (select sum(total) from orders), (select string_agg(distinct installed_by, ',')"
        + " from flyway_schema_history where success)")
    rs.next()
    assert rs.getString(1) == '30.00'
    assert rs.getString(2) == emulator.defaultUser()
  } finally {
    c.close()
  }
  assert emulator.counters().mints() >= 1
  println "Flyway Maven plugin migrated through jdbc:lakebase: (${emulator.counters().mints()} token(s) minted)"
} finally {
  emulator.close()
}
