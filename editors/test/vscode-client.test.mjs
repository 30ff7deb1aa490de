// The VS Code extension's language client: how it starts `ciliac lsp`, its settings, and the
// grammar-only fallback when the server cannot start. `vscode` and the client library are faked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './grammar.mjs';

const extension = join(root, 'editors', 'vscode');
const require = createRequire(join(extension, 'package.json'));
const { serverCommand, initializationOptions } = require('./server.js');
const { activate } = require('./extension.js');
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));

test('manifest: the client starts on .cilia files, with its settings', () => {
  assert.equal(manifest.main, './extension.js');
  assert.ok(existsSync(join(extension, manifest.main)));
  assert.deepEqual(manifest.activationEvents, ['onLanguage:cilia']);
  assert.match(manifest.dependencies['vscode-languageclient'], /^\d+\.\d+\.\d+$/);
  const properties = manifest.contributes.configuration.properties;
  assert.equal(properties['cilia.server.path'].default, 'ciliac');
  assert.equal(properties['cilia.server.java'].default, '');
  assert.equal(properties['cilia.server.enabled'].default, true);
  assert.deepEqual(properties['cilia.cilium'].enum, ['', '1.13', '1.14', '1.15', '1.16', '1.17', '1.18']);
  assert.ok(!manifest.scripts.package.includes('--no-dependencies'), 'the client ships in the package');
});

test('the ciliac script runs as `ciliac lsp`, with the Java runtime first on PATH', () => {
  const env = { PATH: '/usr/bin' };
  assert.deepEqual(serverCommand({}, env, 'linux'), { command: 'ciliac', args: ['lsp'], env });
  const withJava = serverCommand({ path: '/opt/cilia/ciliac', java: '/opt/jdk17' }, env, 'linux');
  assert.equal(withJava.command, '/opt/cilia/ciliac');
  assert.equal(withJava.env.JAVA_HOME, '/opt/jdk17');
  assert.equal(withJava.env.PATH, '/opt/jdk17/bin:/usr/bin');
});

test('ciliac.jar runs with the configured java, JAVA_HOME or java on PATH', () => {
  const jar = '/opt/cilia/ciliac.jar';
  assert.deepEqual(serverCommand({ path: jar }, {}, 'linux').command, 'java');
  assert.deepEqual(serverCommand({ path: jar }, {}, 'linux').args, ['-jar', jar, 'lsp']);
  assert.equal(serverCommand({ path: jar }, { JAVA_HOME: '/jdk' }, 'linux').command, '/jdk/bin/java');
  assert.equal(serverCommand({ path: jar, java: '/jdk21/bin/java' }, {}, 'linux').command, '/jdk21/bin/java');
  assert.equal(serverCommand({ path: jar, java: '/jdk21' }, {}, 'linux').command, '/jdk21/bin/java');
});

test('the target setting is sent at start', () => {
  assert.deepEqual(initializationOptions({ cilium: '1.16' }), { cilium: '1.16' });
  assert.deepEqual(initializationOptions({}), { cilium: '' });
});

function fakeVscode(settings) {
  const warnings = [];
  return {
    warnings,
    workspace: {
      getConfiguration: () => ({ get: (key, fallback) => (key in settings ? settings[key] : fallback) }),
      createFileSystemWatcher: (glob) => ({ glob }),
    },
    window: { showWarningMessage: (message) => warnings.push(message) },
  };
}

test('a server that cannot start leaves a grammar-only extension and one warning', async () => {
  const vscode = fakeVscode({ 'server.path': '/nowhere/ciliac' });
  let stopped = false;
  class LanguageClient {
    constructor(id, name, server, client) {
      assert.equal(id, 'cilia');
      assert.deepEqual(server.args, ['lsp']);
      assert.deepEqual(client.documentSelector, [{ scheme: 'file', language: 'cilia' }]);
      assert.equal(client.synchronize.configurationSection, 'cilia');
    }
    start() {
      return Promise.reject(new Error('spawn /nowhere/ciliac ENOENT'));
    }
    stop() {
      stopped = true;
      return Promise.resolve();
    }
  }
  const context = { subscriptions: [] };
  await activate(context, { vscode, LanguageClient });
  assert.equal(vscode.warnings.length, 1);
  assert.match(vscode.warnings[0], /did not start: spawn \/nowhere\/ciliac ENOENT/);
  assert.match(vscode.warnings[0], /Highlighting, snippets and the \$ciliac problem matcher still work/);
  assert.ok(stopped);
  assert.equal(context.subscriptions.length, 0);
});

test('a server that starts is stopped with the extension; off means no server', async () => {
  let started = 0;
  class LanguageClient {
    start() {
      started++;
      return Promise.resolve();
    }
    stop() {
      return Promise.resolve();
    }
  }
  const context = { subscriptions: [] };
  const vscode = fakeVscode({});
  await activate(context, { vscode, LanguageClient });
  assert.equal(started, 1);
  assert.equal(context.subscriptions.length, 1);
  assert.equal(vscode.warnings.length, 0);
  await activate({ subscriptions: [] }, { vscode: fakeVscode({ 'server.enabled': false }), LanguageClient });
  assert.equal(started, 1);
});
