// `ciliac lsp` driven over stdio by a real LSP client: diagnostics as you type, the quick fix,
// hover with the emitted YAML, definition, references, symbols, completion and formatting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import protocol from 'vscode-languageserver-protocol/node.js';
import { root } from './grammar.mjs';
import { applyEdits, positionOf, serverAvailable, startServer, uriOf } from './lsp-client.mjs';

const {
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  HoverRequest,
  DefinitionRequest,
  ReferencesRequest,
  DocumentSymbolRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  CodeActionRequest,
  ShutdownRequest,
  ExitNotification,
} = protocol;

const available = serverAvailable();
const file = join(root, 'samples', 'oracle-ftp-egress.cilia');
const uri = uriOf(file);
const original = readFileSync(file, 'utf8');
let server;
let version = 1;

async function change(text) {
  version += 1;
  await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
  return server.diagnostics(uri, version);
}

const errors = (published) => published.diagnostics.filter((d) => d.severity === 1);

before(async () => {
  if (!available) {
    return;
  }
  server = startServer();
  const result = await server.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: 'cilia' }],
    capabilities: {},
    initializationOptions: { debounce: 0 },
  });
  assert.equal(result.serverInfo.name, 'ciliac');
  await server.connection.sendNotification(InitializedNotification.type, {});
  await server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'cilia', version, text: original },
  });
});

after(async () => {
  if (!server) {
    return;
  }
  await server.connection.sendRequest(ShutdownRequest.type);
  await server.connection.sendNotification(ExitNotification.type);
  assert.equal(await server.exited, 0, server.stderr());
  server.connection.dispose();
});

test('opening the sample publishes its diagnostics: no errors', { skip: !available }, async () => {
  const published = await server.diagnostics(uri, 1);
  assert.deepEqual(errors(published), []);
  assert.ok(published.diagnostics.some((d) => d.code === 'CIL0305'));
  assert.ok(published.diagnostics.every((d) => d.source === 'ciliac'));
});

test('deleting `passive 30000-30100` publishes CIL0203 on `ftp`; the quick fix restores it', {
  skip: !available,
}, async () => {
  const broken = original.replace(' passive 30000-30100', '');
  const published = await change(broken);
  const [error] = errors(published);
  assert.equal(error.code, 'CIL0203');
  const at = positionOf(broken, 'ftp to partner-ftp');
  assert.deepEqual(error.range, {
    start: at,
    end: { line: at.line, character: at.character + 'ftp'.length },
  });
  assert.match(error.message, /hint: write `ftp passive 30000-30100`/);

  const actions = await server.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: error.range,
    context: { diagnostics: [error] },
  });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'quickfix');
  assert.equal(actions[0].title, 'write `ftp passive 30000-30100`');
  assert.equal(actions[0].diagnostics[0].code, 'CIL0203');
  const fixed = applyEdits(broken, actions[0].edit.changes[uri]);
  assert.equal(fixed, original);
  assert.deepEqual(errors(await change(fixed)), []);
});

test('hover on `allow oracle …` shows the emitted toCIDRSet rule and the proof', {
  skip: !available,
}, async () => {
  const hover = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(original, 'allow oracle to', 2),
  });
  const text = hover.contents.value;
  assert.match(text, /billing\.billing-egress\.yaml/);
  assert.match(text, /```yaml\negress:\n- toCIDRSet:\n {2}- cidr: 10\.20\.30\.0\/24/);
  assert.match(text, /- 10\.20\.30\.99\/32/);
  assert.match(text, /port: "1521"/);
  assert.match(text, /Proof: \d+ of \d+ declared flows proven/);
});

test('hover on a `let` use, a preset and the target', { skip: !available }, async () => {
  const let_ = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(original, 'partner-ftp\n', 1),
  });
  assert.match(let_.contents.value, /let partner-ftp = fqdn "ftp\.partner\.example\.com"/);
  const preset = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(original, 'allow https', 'allow '.length),
  });
  assert.match(preset.contents.value, /`https`: preset, `tcp 443`/);
  const target = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: positionOf(original, '1.18'),
  });
  assert.match(target.contents.value, /Cilium 1\.18/);
  assert.match(target.contents.value, /endPort/);
});

test('definition on `oracle-scan` jumps to its `let`; references find every use', {
  skip: !available,
}, async () => {
  const use = positionOf(original, 'to oracle-scan', 'to '.length + 2);
  const [location] = await server.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri },
    position: use,
  });
  const declared = positionOf(original, 'oracle-scan =');
  assert.equal(location.uri, uri);
  assert.deepEqual(location.range, {
    start: declared,
    end: { line: declared.line, character: declared.character + 'oracle-scan'.length },
  });
  const references = await server.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri },
    position: use,
    context: { includeDeclaration: true },
  });
  assert.equal(references.length, 3);
});

test('document symbols: the policy with its statements, the test and the lets', {
  skip: !available,
}, async () => {
  const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, {
    textDocument: { uri },
  });
  const names = symbols.map((s) => s.name);
  assert.deepEqual(names, [
    'oracle-scan',
    'partner-ftp',
    'billing-egress',
    'billing reaches what it needs, and nothing else',
  ]);
  const policy = symbols.find((s) => s.name === 'billing-egress');
  assert.equal(policy.children.length, 5);
  assert.equal(policy.children[0].name, 'allow oracle to oracle-scan');
});

test('completion offers keywords, presets, lets, entities and label keys', {
  skip: !available,
}, async () => {
  const items = await server.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri },
    position: positionOf(original, 'allow tcp 6443'),
  });
  const labels = new Set(items.map((i) => i.label));
  for (const label of ['allow', 'https', 'oracle-scan', 'kube-apiserver', 'unmanaged', 'app']) {
    assert.ok(labels.has(label), label);
  }
});

test('formatting gives the canonical layout back', { skip: !available }, async () => {
  const messy = original.replace('  allow tcp 6443 to kube-apiserver', 'allow   tcp 6443   to kube-apiserver');
  assert.notEqual(messy, original);
  await change(messy);
  const edits = await server.connection.sendRequest(DocumentFormattingRequest.type, {
    textDocument: { uri },
    options: { tabSize: 2, insertSpaces: true },
  });
  assert.equal(applyEdits(messy, edits), original);
  await change(original);
});
