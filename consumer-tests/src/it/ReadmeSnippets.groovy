// Run by the pre-build hook (prebuild.groovy) of every consumer build, with basedir = that
// project: the READMEs show the project's files as they are.
//
// A README marks a fenced block with a comment line naming a file of a consumer project, e.g.
//   <!-- consumer-tests/src/it/plain-java/pom.xml -->
// followed by the block. The block's lines (leading and trailing blanks ignored) must appear, in
// order and next to each other, in that file as the consumer build sees it (after the invoker's
// filtering of @project.version@ and the like). So a snippet cannot drift from what is tested.

def project = basedir.name
def root = new File(repositoryRoot).canonicalFile
def readmes = [new File(root, 'README.md')]
root.eachDir { dir -> def readme = new File(dir, 'README.md'); if (readme.file) readmes << readme }

def marker = ~/^<!-- (consumer-tests\/src\/it\/([^\/]+)\/(\S+)) -->$/
def checked = 0
readmes.each { readme ->
  def lines = readme.readLines('UTF-8')
  lines.eachWithIndex { line, i ->
    def m = marker.matcher(line.trim())
    if (!m.matches() || m.group(2) != project) {
      return
    }
    def where = "${root.relativePath(readme)}:${i + 1}"
    def open = i + 1
    if (open >= lines.size() || !lines[open].trim().startsWith('```')) {
      throw new IllegalStateException("$where: the marker must be followed by a fenced block")
    }
    def close = (open + 1..<lines.size()).find { lines[it].trim() == '```' }
    if (close == null) {
      throw new IllegalStateException("$where: the fenced block is not closed")
    }
    def snippet = lines.subList(open + 1, close)*.trim()
    def file = new File(basedir, m.group(3))
    if (!file.file) {
      throw new IllegalStateException("$where names ${m.group(1)}, which does not exist")
    }
    def content = file.readLines('UTF-8')*.trim()
    def found = snippet.size() <= content.size() && (0..content.size() - snippet.size()).any { start ->
      content.subList(start, start + snippet.size()) == snippet
    }
    if (!found) {
      throw new IllegalStateException("$where: the snippet is not (or no longer) in ${m.group(1)};"
          + " change both together")
    }
    checked++
  }
}
if (checked == 0) {
  throw new IllegalStateException("no README shows consumer-tests/src/it/$project")
}
println "README snippets of $project: $checked checked against the project's files"
