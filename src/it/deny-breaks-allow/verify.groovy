// The deny is the error; the allow it drops is named with its line.
def billing = new File(basedir, 'src/main/cilia/billing.cilia').canonicalPath
def lockdown = new File(basedir, 'src/main/cilia/lockdown.cilia').canonicalPath
def log = new File(basedir, 'build.log').text
assert log.contains("[ERROR] ${lockdown}:[5,3] [CIL0301] ")
assert log.contains("${billing}:[7,3]")
assert log.contains('Cilia policies in src/main/cilia have 1 error')
assert !(log =~ /(?m)^\s+at [a-z]/)
assert !new File(basedir, 'target/cilia/billing.billing-egress.yaml').exists()
