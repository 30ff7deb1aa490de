// The warning points at its line, and the build failed on it with one line and no stack trace.
def source = new File(basedir, 'src/main/cilia/baseline.cilia').canonicalPath
def log = new File(basedir, 'build.log').text
assert log.contains("[WARNING] ${source}:[4,20] [CIL0302] clusterwide policy `baseline` selects every endpoint")
assert log.contains('Cilia policies in src/main/cilia have 1 warning, and failOnWarning is set')
assert !(log =~ /(?m)^\s+at [a-z]/)
assert !new File(basedir, 'target/cilia/.cilia-check.stamp').exists()
// The second build skipped the goals.
assert log.contains('[INFO] Cilia skipped (cilia.skip)')
assert !new File(basedir, 'target/cilia/baseline.yaml').exists()
