// Compilation passed; the two expectations that do not hold are errors at their lines, and the
// failed build leaves none of the YAML its compile goal wrote (docs/maven.md).
def source = new File(basedir, 'src/main/cilia/reports.cilia').canonicalPath
def log = new File(basedir, 'build.log').text
assert log.contains('Wrote 1 Cilia policy to target/cilia')
assert !new File(basedir, 'target/cilia/billing.reports.yaml').exists()
assert log.contains('Removed 1 file of an earlier build from target/cilia')
assert log.contains("[ERROR] ${source}:[12,3] test \"reports reaches Oracle and the SFTP drop\": ")
assert log.contains("[ERROR] ${source}:[13,3] test \"reports reaches Oracle and the SFTP drop\": ")
assert !log.contains("${source}:[11,3]")
assert !log.contains("${source}:[14,3]")
assert log.contains('Cilia tests: 2 passed, 2 failed')
assert log.contains('2 of 4 Cilia test expectations failed in src/main/cilia')
assert !(log =~ /(?m)^\s+at [a-z]/)
