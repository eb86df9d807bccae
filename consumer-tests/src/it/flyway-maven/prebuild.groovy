// The READMEs show this project's files as they are (see ../ReadmeSnippets.groovy).
evaluate(new File(repositoryRoot, 'consumer-tests/src/it/ReadmeSnippets.groovy'))

// An emulator for the build, in this (the invoking) JVM; postbuild.groovy checks and closes it.
// With a single endpoint it routes any TLS host name to it, so the URL can use localhost: the
// emulator's endpoint host names are not in DNS, and the plugin's class path has no resolver.
def endpoint = 'projects/my-project/branches/main/endpoints/primary'
def emulator = dev.lakebase.testkit.LakebaseEmulator.builder().endpoint(endpoint).start()
context.emulator = emulator
context.userProperties.setProperty('flyway.url', "jdbc:lakebase://localhost:${emulator.port()}"
    + "/databricks_postgres?endpoint=${endpoint}&databricksHost=${emulator.workspaceUrl()}"
    + "&databricksToken=${emulator.patFor(emulator.defaultUser())}")
println "Flyway consumer build against the emulator at ${emulator.workspaceUrl()}"
