// A real LSP client (vscode-languageserver-protocol over stdio) for `ciliac lsp`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import protocol from 'vscode-languageserver-protocol/node.js';
import { root } from './grammar.mjs';

const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  PublishDiagnosticsNotification,
} = protocol;

export const jar = join(root, 'target', 'ciliac.jar');

/** Whether the compiler jar is built; without CI, tests that need it are skipped. */
export function serverAvailable() {
  if (existsSync(jar)) {
    return true;
  }
  if (process.env.CI) {
    throw new Error(`${jar} is missing: build it with ./mvnw package before the editor tests`);
  }
  console.log(`skipping language server tests: ${jar} is missing (./mvnw package builds it)`);
  return false;
}

export const uriOf = (path) => pathToFileURL(path).href;

/** Starts `java -jar target/ciliac.jar lsp` and connects a client to its stdio. */
export function startServer(args = []) {
  const child = spawn(process.env.JAVA ?? 'java', ['-jar', jar, 'lsp', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = [];
  const waiters = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.match(params)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  });
  connection.listen();
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    connection,
    child,
    exited,
    stderr: () => stderr,
    published,
    /** The first diagnostics for `uri` (at `version`, when given), published or still to come. */
    diagnostics(uri, version) {
      const match = (p) => p.uri === uri && (version === undefined || p.version === version);
      const found = published.find(match);
      if (found) {
        return Promise.resolve(found);
      }
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
}

/** Applies LSP text edits (ranges in UTF-16 units) to a text. */
export function applyEdits(text, edits) {
  const lines = text.split('\n');
  const offset = ({ line, character }) => {
    let at = 0;
    for (let i = 0; i < line; i++) {
      at += lines[i].length + 1;
    }
    return at + character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const edit of sorted) {
    out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  }
  return out;
}

/** The 0-based line and column of the first `needle` in `text`. */
export function positionOf(text, needle, delta = 0) {
  const at = text.indexOf(needle);
  if (at < 0) {
    throw new Error(`\`${needle}\` not in the text`);
  }
  const before = text.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}
