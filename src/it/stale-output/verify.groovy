// The first build wrote the policy; the second failed on an error and left no YAML of the first
// in target/cilia, so nothing stale can be packaged or applied.
def out = new File(basedir, 'target/cilia')
def yaml = out.exists() ? out.listFiles().findAll { it.name.endsWith('.yaml') } : []
assert yaml.isEmpty() : "stale YAML after a failed build: ${yaml}"
assert !new File(out, '.cilia-compile.stamp').exists()
// The first build did succeed: its check stamp is still there.
assert new File(out, '.cilia-check.stamp').exists()
