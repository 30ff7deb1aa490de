// Every sample tokenizes completely, and each construct gets the scope a theme colours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root, scopesOf, tokenize, tokenizeLine } from './grammar.mjs';

function ciliaFiles(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        return ciliaFiles(path);
      }
      return name.endsWith('.cilia') ? [path] : [];
    });
}

const samples = ciliaFiles(join(root, 'samples'));
const errorSamples = new Set(ciliaFiles(join(root, 'samples', 'errors')));

test('there are samples to tokenize', () => {
  assert.ok(samples.length >= 10, `found ${samples.length}`);
});

for (const file of samples) {
  const name = relative(root, file);
  test(`${name}: no unscoped text`, () => {
    for (const line of tokenize(readFileSync(file, 'utf8'))) {
      for (const token of line) {
        if (token.text.trim() !== '') {
          assert.ok(
            token.scopes.length > 1,
            `${name}:${token.line}:${token.column}: ${JSON.stringify(token.text)} has no scope`);
        }
      }
    }
  });
  if (!errorSamples.has(file)) {
    test(`${name}: nothing marked invalid`, () => {
      for (const line of tokenize(readFileSync(file, 'utf8'))) {
        for (const token of line) {
          assert.ok(
            !token.scopes.some((s) => s.startsWith('invalid.')),
            `${name}:${token.line}:${token.column}: ${JSON.stringify(token.text)} is ${token.scopes}`);
        }
      }
    });
  }
}

/** Asserts that {@code text} in {@code line} has a scope starting with each of {@code prefixes}. */
function expectScope(line, text, ...prefixes) {
  const tokens = tokenizeLine(line);
  const scopes = scopesOf(tokens, text);
  for (const prefix of prefixes) {
    assert.ok(
      scopes.some((s) => s === prefix || s.startsWith(prefix + '.')),
      `${JSON.stringify(text)} in ${JSON.stringify(line)}: ${scopes.join(' ')} lacks ${prefix}`);
  }
}

test('comments, full-line and trailing', () => {
  expectScope('# payments.cilia', '#', 'comment.line.number-sign', 'punctuation.definition.comment');
  expectScope('# payments.cilia', ' payments.cilia', 'comment.line.number-sign');
  expectScope('  allow to world  # every port', ' every port', 'comment.line.number-sign');
  expectScope('description "a # b"', 'a # b', 'string.quoted.double');
});

test('strings with escapes', () => {
  expectScope('description "say \\"hi\\" \\\\ now"', '\\"', 'constant.character.escape');
  expectScope('description "say \\"hi\\" \\\\ now"', '\\\\', 'constant.character.escape');
  expectScope('description "tab\\there"', '\\t', 'invalid.illegal.escape');
  expectScope('description "Payments API"', '"', 'punctuation.definition.string.begin');
  expectScope('description "Payments API"', 'Payments API', 'string.quoted.double.cilia');
});

test('an unterminated string ends at the end of its line', () => {
  const lines = tokenize('  description "the web shop\n  allow https to world\n');
  assert.deepEqual(lines[1].find((t) => t.text === 'allow').scopes, [
    'source.cilia',
    'keyword.control.rule.cilia',
  ]);
});

test('declarations: cilium version, import, let names at definition, policy names', () => {
  expectScope('cilium 1.16', 'cilium', 'keyword.other.declaration');
  expectScope('cilium 1.16', '1.16', 'constant.numeric.version');
  expectScope('import "common.cilia"', 'import', 'keyword.control.import');
  expectScope('import "common.cilia"', 'common.cilia', 'string.quoted.double');
  expectScope('let ledger      = pods app=ledger', 'let', 'keyword.other.declaration');
  expectScope('let ledger      = pods app=ledger', 'ledger', 'entity.name.variable.let');
  expectScope('let ledger      = pods app=ledger', '=', 'keyword.operator.assignment');
  expectScope('resolver kube-dns', 'resolver', 'keyword.other.declaration');
  expectScope('resolver kube-dns', 'kube-dns', 'support.constant.builtin');
  expectScope('policy payments-api in namespace payments {', 'policy', 'keyword.other.declaration');
  expectScope('policy payments-api in namespace payments {', 'payments-api', 'entity.name.type.policy');
  expectScope('policy payments-api in namespace payments {', 'in', 'keyword.operator.word');
  expectScope('policy payments-api in namespace payments {', 'namespace', 'keyword.other.peer');
  expectScope('policy payments-api in namespace payments {', 'payments', 'entity.name.namespace');
  expectScope('policy payments-api in namespace payments {', '{', 'punctuation.section.block.begin');
  expectScope('clusterwide policy dns-visibility {', 'clusterwide', 'keyword.other.declaration');
  expectScope('clusterwide policy dns-visibility {', 'dns-visibility', 'entity.name.type.policy');
  expectScope('}', '}', 'punctuation.section.block.end');
});

test('keywords named as names keep the name scope', () => {
  expectScope('let test = namespace policy', 'test', 'entity.name.variable.let');
  expectScope('let test = namespace policy', 'policy', 'entity.name.namespace');
  expectScope('policy select in namespace allow {', 'select', 'entity.name.type.policy');
});

test('statements', () => {
  expectScope('  description "x"', 'description', 'keyword.other.statement');
  expectScope('  label team=payments', 'label', 'keyword.other.statement');
  expectScope('  label team=payments', 'team', 'entity.other.attribute-name.label');
  expectScope('  label team=payments', 'payments', 'string.unquoted.label-value');
  expectScope('  label team=""', '"', 'string.quoted.double');
  expectScope('  enforce egress', 'enforce', 'keyword.other.statement');
  expectScope('  enforce egress', 'egress', 'keyword.other.direction');
  expectScope('  enforce ingress', 'ingress', 'keyword.other.direction');
  expectScope('  observe dns "*"', 'observe', 'keyword.other.statement');
  expectScope('  observe dns "*"', 'dns', 'keyword.other.protocol');
  expectScope('  observe http on 80, 8080 to namespace payments', 'http', 'keyword.other.protocol');
  expectScope('  observe http on 80, 8080 to namespace payments', 'on', 'keyword.operator.word');
  expectScope('  observe http on 80, 8080 to namespace payments', '8080', 'constant.numeric.integer');
  expectScope('  observe http on 80, 8080 to namespace payments', ',', 'punctuation.separator.comma');
  expectScope('  allow tcp 8080 from namespace frontend', 'allow', 'keyword.control.rule');
  expectScope('  allow tcp 8080 from namespace frontend', 'from', 'keyword.other.direction');
  expectScope('  deny tcp 25 to world', 'deny', 'keyword.control.rule');
  expectScope('  deny tcp 25 to world', 'to', 'keyword.other.direction');
  expectScope('  resolver pods k8s-app=coredns in namespace dns', 'resolver', 'keyword.other.declaration');
});

test('services: protocols, ports and ranges, presets, ftp passive, let names', () => {
  expectScope('  allow tcp 80, 9000-9100, udp 53 to world', 'tcp', 'keyword.other.protocol');
  expectScope('  allow tcp 80, 9000-9100, udp 53 to world', 'udp', 'keyword.other.protocol');
  expectScope('  allow tcp 80, 9000-9100, udp 53 to world', '80', 'constant.numeric.integer');
  expectScope('  allow tcp 80, 9000-9100, udp 53 to world', '9000-9100', 'constant.numeric.range');
  expectScope('  allow sctp 2905 to world', 'sctp', 'keyword.other.protocol');
  expectScope('  allow any 53 to world', 'any', 'keyword.other.protocol');
  expectScope('  allow oracle-tls, https to world', 'oracle-tls', 'support.constant.preset');
  expectScope('  allow oracle-tls, https to world', 'https', 'support.constant.preset');
  expectScope('  allow ftp passive 30000-30100 to partner-ftp', 'ftp', 'keyword.other.protocol');
  expectScope('  allow ftp passive 30000-30100 to partner-ftp', 'passive', 'keyword.other.modifier');
  expectScope('  allow ftp passive 30000-30100 to partner-ftp', '30000-30100', 'constant.numeric.range');
  expectScope('  allow ftp passive 30000-30100 to partner-ftp', 'partner-ftp', 'variable.other.let');
  expectScope('  allow pg to ledger', 'pg', 'variable.other.let');
  expectScope('  allow oracle to oracle-prod', 'oracle-prod', 'variable.other.let');
});

test('peers: kinds, CIDRs and addresses, FQDNs, entities, services, or', () => {
  const cidr = 'let oracle-prod = cidr 10.20.30.0/24 except 10.20.30.99/32';
  expectScope(cidr, 'cidr', 'keyword.other.peer');
  expectScope(cidr, '10.20.30.0/24', 'constant.numeric.cidr');
  expectScope(cidr, 'except', 'keyword.operator.word');
  expectScope(cidr, '10.20.30.99/32', 'constant.numeric.cidr');
  expectScope('  allow to cidr 2001:db8::/32', '2001:db8::/32', 'constant.numeric.cidr.ipv6');
  expectScope('  allow to ip 10.20.30.5', 'ip', 'keyword.other.peer');
  expectScope('  allow to ip 10.20.30.5', '10.20.30.5', 'constant.numeric.ip.ipv4');
  expectScope('  allow to ip fd00::1', 'fd00::1', 'constant.numeric.ip.ipv6');
  expectScope('  allow https to fqdn "*.s3.amazonaws.com"', 'fqdn', 'keyword.other.peer');
  expectScope('  allow https to fqdn "*.s3.amazonaws.com"', '*.s3.amazonaws.com', 'string.quoted.double');
  expectScope('  allow tcp 6443 to kube-apiserver', 'kube-apiserver', 'support.constant.entity');
  expectScope('  allow to world or cluster', 'or', 'keyword.operator.word');
  expectScope('  allow to world or cluster', 'cluster', 'support.constant.entity');
  expectScope('  allow to remote-node', 'remote-node', 'support.constant.entity');
  expectScope('  allow to entity health', 'entity', 'keyword.other.peer');
  expectScope('  allow to entity health', 'health', 'support.constant.entity');
  expectScope('  allow to kube-dns', 'kube-dns', 'support.constant.builtin');
  const svc = '  allow tcp 443 to service payments-api in namespace payments';
  expectScope(svc, 'service', 'keyword.other.peer');
  expectScope(svc, 'payments-api', 'entity.name.type.service');
  expectScope(svc, 'payments', 'entity.name.namespace');
});

test('label selectors: keys, operators, values', () => {
  const line = '  select app=payments-api, tier in (web, api), track!=canary, !legacy, gpu, zone notin (a)';
  expectScope(line, 'select', 'keyword.other.statement');
  expectScope(line, 'app', 'meta.selector', 'entity.other.attribute-name.label');
  expectScope(line, '=', 'keyword.operator.comparison');
  expectScope(line, 'payments-api', 'string.unquoted.label-value');
  expectScope(line, 'tier', 'entity.other.attribute-name.label');
  expectScope(line, 'in', 'keyword.operator.word');
  expectScope(line, '(', 'punctuation.section.parens.begin');
  expectScope(line, 'web', 'string.unquoted.label-value');
  expectScope(line, ')', 'punctuation.section.parens.end');
  expectScope(line, 'track', 'entity.other.attribute-name.label');
  expectScope(line, '!=', 'keyword.operator.comparison');
  expectScope(line, 'canary', 'string.unquoted.label-value');
  expectScope(line, '!', 'keyword.operator.logical.not');
  expectScope(line, 'legacy', 'entity.other.attribute-name.label');
  expectScope(line, 'gpu', 'entity.other.attribute-name.label');
  expectScope(line, 'notin', 'keyword.operator.word');
  expectScope('  select app.kubernetes.io/name==web', 'app.kubernetes.io/name', 'entity.other.attribute-name.label');
  expectScope('  select app.kubernetes.io/name==web', '==', 'keyword.operator.comparison');
  expectScope('  select tier=""', '"', 'string.quoted.double');
  const pods = 'let ledger = pods app=ledger in namespace finance';
  expectScope(pods, 'pods', 'keyword.other.peer');
  expectScope(pods, 'app', 'entity.other.attribute-name.label');
  expectScope(pods, 'in', 'keyword.operator.word');
  expectScope(pods, 'finance', 'entity.name.namespace');
  const ns = '  select namespaces kubernetes.io/metadata.name notin (kube-system)';
  expectScope(ns, 'namespaces', 'keyword.other.peer');
  expectScope(ns, 'kubernetes.io/metadata.name', 'entity.other.attribute-name.label');
  expectScope(ns, 'kube-system', 'string.unquoted.label-value');
  const one = '  select namespace shop pods app=web';
  expectScope(one, 'select', 'keyword.other.statement');
  expectScope(one, 'shop', 'entity.name.namespace');
  expectScope(one, 'app', 'entity.other.attribute-name.label');
});

test('tests: titles, endpoints and expect verbs', () => {
  const header = 'test "payments keeps what it needs" for pods app=payments-api, tier=web in namespace payments {';
  expectScope(header, 'test', 'keyword.other.declaration');
  expectScope(header, 'payments keeps what it needs', 'string.quoted.double');
  expectScope(header, 'for', 'keyword.operator.word');
  expectScope(header, 'tier', 'entity.other.attribute-name.label');
  expectScope(header, 'payments', 'entity.name.namespace');
  expectScope('  expect allow tcp 1521 to ip 10.20.30.5', 'expect', 'keyword.control.expect');
  expectScope('  expect allow tcp 1521 to ip 10.20.30.5', 'allow', 'keyword.control.verdict');
  expectScope('  expect deny  tcp 25 to ip 203.0.113.7', 'deny', 'keyword.control.verdict');
  expectScope('  expect visible dns "api.example.com"', 'visible', 'keyword.control.verdict');
  expectScope('  expect visible dns "api.example.com"', 'dns', 'keyword.other.protocol');
  expectScope('  expect visible tcp 8080 to pods app=web in namespace payments', 'app', 'entity.other.attribute-name.label');
});

test('characters outside the language are marked invalid', () => {
  expectScope('  deny @ to world', '@', 'invalid.illegal.character');
});
