// The VS Code extension: its manifest points at files that exist, it ships the same grammar as
// editors/textmate, and its language configuration, snippets, problem matcher and example tasks
// work on real Cilia text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { grammarPath, root, tokenize } from './grammar.mjs';

const extension = join(root, 'editors', 'vscode');
const manifest = JSON.parse(readFileSync(join(extension, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

test('the extension ships the same grammar as editors/textmate', () => {
  const [grammar] = contributes.grammars;
  const shipped = readFileSync(join(extension, grammar.path), 'utf8');
  assert.equal(shipped, readFileSync(grammarPath, 'utf8'),
    'copy editors/textmate/cilia.tmLanguage.json to editors/vscode/syntaxes/');
  assert.equal(grammar.scopeName, JSON.parse(shipped).scopeName);
  assert.equal(grammar.language, 'cilia');
});

test('the language is cilia, for .cilia files', () => {
  assert.equal(contributes.languages.length, 1);
  const [language] = contributes.languages;
  assert.equal(language.id, 'cilia');
  assert.deepEqual(language.extensions, ['.cilia']);
  assert.ok(existsSync(join(extension, language.configuration)));
  assert.ok(contributes.snippets.every((s) => s.language === 'cilia'));
  assert.ok(contributes.snippets.every((s) => existsSync(join(extension, s.path))));
  assert.equal(contributes.configurationDefaults['[cilia]']['editor.tabSize'], 2);
});

test('the manifest has what packaging needs', () => {
  for (const field of ['name', 'displayName', 'description', 'version', 'publisher']) {
    assert.ok(manifest[field], `package.json needs ${field}`);
  }
  assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.match(manifest.scripts.package, /^vsce package /);
  // The language client ships in the package: vsce adds the production dependencies and leaves
  // out the packager itself (a devDependency).
  assert.ok(!readFileSync(join(extension, '.vscodeignore'), 'utf8').includes('node_modules'));
  // vsce refuses relative links in the README of an extension without a repository URL.
  const readme = readFileSync(join(extension, 'README.md'), 'utf8');
  assert.doesNotMatch(readme, /\]\((?!https?:)/, 'README.md has a relative link');
});

const configuration = JSON.parse(
  readFileSync(join(extension, contributes.languages[0].configuration), 'utf8'));

test('language configuration: comments, brackets, auto-closing', () => {
  assert.equal(configuration.comments.lineComment, '#');
  assert.deepEqual(configuration.brackets, [['{', '}'], ['(', ')']]);
  const pairs = configuration.autoClosingPairs.map((p) => p.open + p.close);
  assert.deepEqual(pairs, ['{}', '()', '""']);
});

test('language configuration: indentation after a block header, not elsewhere', () => {
  const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
  for (const line of [
    'policy payments-api in namespace payments {',
    'clusterwide policy dns-visibility {',
    'test "a {b}" for pods app=web in namespace shop {   # comment',
  ]) {
    assert.ok(increase.test(line), line);
  }
  for (const line of [
    '  allow to world',
    '  description "ends with {"',
    '# policy x in namespace y {',
    '}',
  ]) {
    assert.ok(!increase.test(line), line);
  }
  assert.ok(decrease.test('  }'));
  assert.ok(!decrease.test('  allow to world'));
});

test('language configuration: a word is a Cilia word', () => {
  const word = new RegExp(`^(?:${configuration.wordPattern})$`);
  for (const w of ['payments-api', 'app.kubernetes.io/name', '10.20.30.0/24', 'kube-dns', '2001:db8::/32']) {
    assert.ok(word.test(w), w);
  }
});

test('snippets tokenize without invalid text', () => {
  const snippets = JSON.parse(readFileSync(join(extension, contributes.snippets[0].path), 'utf8'));
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  for (const wanted of ['policy', 'clusterwide', 'test', 'allow', 'observe dns', 'observe http', 'l7-visibility']) {
    assert.ok(prefixes.includes(wanted), `a snippet for ${wanted}`);
  }
  for (const [name, snippet] of Object.entries(snippets)) {
    const text = snippet.body
      .join('\n')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
      .replace(/\$\d+/g, '');
    for (const line of tokenize(text)) {
      for (const token of line) {
        assert.ok(
          !token.scopes.some((s) => s.startsWith('invalid.')) &&
            (token.text.trim() === '' || token.scopes.length > 1),
          `${name}: ${JSON.stringify(token.text)} is ${token.scopes.join(' ')}`);
      }
    }
  }
});

const [matcher] = contributes.problemMatchers;
const regexp = new RegExp(matcher.pattern.regexp);

test('the problem matcher reads ciliac check text output', () => {
  assert.equal(matcher.name, 'ciliac');
  const m = regexp.exec('payments.cilia:14:9: error[CIL0203]: `ftp` needs its passive data ports');
  assert.ok(m);
  const p = matcher.pattern;
  assert.equal(m[p.file], 'payments.cilia');
  assert.equal(m[p.line], '14');
  assert.equal(m[p.column], '9');
  assert.equal(m[p.severity], 'error');
  assert.equal(m[p.code], 'CIL0203');
  assert.equal(m[p.message], '`ftp` needs its passive data ports');
  const windows = regexp.exec('C:\\policies\\db.cilia:3:3: warning[CIL0302]: a: b');
  assert.equal(windows[p.file], 'C:\\policies\\db.cilia');
  assert.equal(windows[p.message], 'a: b');
  assert.equal(regexp.exec('x.cilia:1:1: note[CIL0301]: n')[p.severity], 'note');
});

test('the problem matcher skips excerpts, hints, related notes and the summary', () => {
  for (const line of [
    '   14 |   allow ftp to partner-ftp',
    '      |         ^^^',
    '   hint: write `ftp passive 30000-30100` with the server\'s passive port range',
    '   note: the `allow` it drops',
    '     --> db.cilia:2:3',
    '7 errors, 1 warning',
    'ok: 4 policies checked',
  ]) {
    assert.equal(regexp.exec(line), null, line);
  }
});

test('the example tasks use the problem matcher without colour', () => {
  const jsonc = readFileSync(join(extension, 'examples', 'tasks.json'), 'utf8');
  const tasks = JSON.parse(jsonc.replace(/^\s*\/\/.*$/gm, '')).tasks;
  assert.ok(tasks.length >= 2);
  for (const task of tasks) {
    assert.equal(task.problemMatcher, `$${matcher.name}`, task.label);
    assert.equal(task.options.env.NO_COLOR, '1', task.label);
    assert.ok(['check', 'fmt'].includes(task.args[0]), task.label);
  }
});
