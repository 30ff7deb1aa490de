// The error is in the log in the compiler plugin's shape, the build failed with one line and no
// stack trace, nothing was written, and the SARIF report names the rule and the line.
def source = new File(basedir, 'src/main/cilia/partner.cilia').canonicalPath
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] ${source}:[7,9] [CIL0203] `ftp` needs its passive data ports")
assert log.contains('  hint: write `ftp passive 30000-30100`')
assert log.contains('Cilia policies in src/main/cilia have 1 error')
assert !(log =~ /(?m)^\s+at [a-z]/)
assert !new File(basedir, 'target/cilia/billing.partner-sync.yaml').exists()

def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/cilia/cilia.sarif'))
def result = sarif.runs[0].results[0]
assert result.ruleId == 'CIL0203'
assert result.level == 'error'
assert result.locations[0].physicalLocation.region.startLine == 7
