// The policy compiled, kept Oracle and FTP, shipped in the jar, and the second build did nothing.
def yaml = new File(basedir, 'target/cilia/billing.billing-egress.yaml')
assert yaml.isFile()
def policy = yaml.text
assert policy.contains('kind: CiliumNetworkPolicy')
assert policy.contains('port: "1521"')
assert policy.contains('port: "21"')
assert policy.contains('matchName: ftp.partner.example.com')

def jar = new java.util.jar.JarFile(new File(basedir, 'target/billing-1.0.jar'))
try {
  assert jar.getEntry('cilia/billing.billing-egress.yaml') != null
} finally {
  jar.close()
}

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] Checked 1 Cilia policy')
assert log.contains('[INFO] Wrote 1 Cilia policy to target')
assert log.contains('[INFO] Cilia tests: 5 passed, 0 failed')
assert log.contains('cilia:compile')
assert log.contains('[INFO] Cilia policies are up to date')
assert !log.contains('[WARNING] /')
