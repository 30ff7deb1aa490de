// Each module compiled its own policy with the shared import; the module without policies and
// the parent said so and went on.
def orders = new File(basedir, 'orders/target/cilia/shop.orders.yaml')
def payments = new File(basedir, 'payments/target/cilia/shop.payments.yaml')
assert orders.isFile()
assert payments.isFile()
assert orders.text.contains('k8s:io.kubernetes.pod.namespace: monitoring')
assert payments.text.contains('k8s:io.kubernetes.pod.namespace: finance')
assert !new File(basedir, 'web/target/cilia').exists()

def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] No Cilia policies in src/main/cilia')
assert log.count('[INFO] Wrote 1 Cilia policy to target/cilia') == 2
assert log.contains('[INFO] Cilia tests: 2 passed, 0 failed')
assert log.contains('BUILD SUCCESS')
