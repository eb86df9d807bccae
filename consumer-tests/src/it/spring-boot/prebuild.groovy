// The READMEs show this project's files as they are (see ../ReadmeSnippets.groovy).
evaluate(new File(repositoryRoot, 'consumer-tests/src/it/ReadmeSnippets.groovy'))
