// The highlighter and the compiler's grammar cannot drift apart: every keyword of
// grammar/Cilia.g4 gets a keyword scope, the grammar's keyword lists hold nothing else, and every
// builtin name the checker knows is highlighted as one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { grammarPath, root, tokenizeLine } from './grammar.mjs';

/** The literals of lexer rules `NAME : 'literal' ;` that are words. */
function g4Keywords() {
  const g4 = readFileSync(join(root, 'grammar', 'Cilia.g4'), 'utf8');
  const keywords = [...g4.matchAll(/^\s*([A-Z][A-Z_]*)\s*:\s*'([^']+)'\s*;/gm)]
    .map((m) => m[2])
    .filter((literal) => /^[a-z]+$/.test(literal));
  return [...new Set(keywords)].sort();
}

/** The words of the `keywords` patterns of the TextMate grammar. */
function highlightedKeywords() {
  const grammar = JSON.parse(readFileSync(grammarPath, 'utf8'));
  return [
    ...new Set(
      grammar.repository.keywords.patterns.flatMap((p) => {
        const group = /\(\?:([a-z|]+)\)/.exec(p.match);
        assert.ok(group, `keyword pattern without a word list: ${p.match}`);
        return group[1].split('|');
      })),
  ].sort();
}

test('the lexer has keywords', () => {
  const keywords = g4Keywords();
  assert.ok(keywords.length >= 40, `found ${keywords.length}: ${keywords}`);
  assert.ok(keywords.includes('policy') && keywords.includes('notin'));
});

test('the grammar keyword lists are exactly the lexer keywords', () => {
  assert.deepEqual(highlightedKeywords(), g4Keywords());
});

for (const keyword of g4Keywords()) {
  test(`keyword \`${keyword}\` gets a keyword scope`, () => {
    for (const line of [keyword, `  ${keyword}  # comment`]) {
      const token = tokenizeLine(line).find((t) => t.text === keyword);
      assert.ok(token, `${keyword} is not one token in ${JSON.stringify(line)}`);
      assert.ok(
        token.scopes.some((s) => s.startsWith('keyword.')),
        `${keyword}: ${token.scopes.join(' ')}`);
    }
  });
}

/**
 * The names of one `static final` field of a Java file under src/main/java/dev/cilia: its string
 * literals, and its constants (`WORLD`) read from `static final String WORLD = "world";` lines.
 */
function names(file, field) {
  const source = readFileSync(join(root, 'src', 'main', 'java', 'dev', 'cilia', ...file), 'utf8');
  const constants = new Map(
    [...source.matchAll(/static final String ([A-Z_]+) = "([a-z][a-z0-9-]*)";/g)].map((m) => [
      m[1],
      m[2],
    ]));
  const start = source.indexOf(` ${field} =`);
  assert.ok(start >= 0, `${file.join('/')}: ${field} not found`);
  const body = source.substring(start + field.length + 3, source.indexOf(';', start));
  const found = [...body.matchAll(/"([a-z][a-z0-9-]*)"|\b([A-Z][A-Z_]*)\b/g)]
    .map((m) => m[1] ?? constants.get(m[2]))
    .filter((name) => name !== undefined);
  assert.ok(found.length > 0, `no names in ${file.join('/')}: ${field}`);
  return found;
}

/** String literals of one `static final` field of check/Builtins.java. */
function builtins(field) {
  return names(['check', 'Builtins.java'], field);
}

/** The names of one field of cilium/Entities.java, Cilium's entity lists. */
function entities(field) {
  return names(['cilium', 'Entities.java'], field);
}

function scopesOfWord(line, word) {
  const token = tokenizeLine(line).find((t) => t.text === word);
  assert.ok(token, `${word} is not one token in ${JSON.stringify(line)}`);
  return token.scopes;
}

test('every service preset is highlighted as a preset or a keyword', () => {
  const keywords = new Set(g4Keywords());
  for (const preset of builtins('PRESETS')) {
    const scopes = scopesOfWord(`  allow ${preset} to world`, preset);
    const want = keywords.has(preset) ? 'keyword.' : 'support.constant.preset.';
    assert.ok(scopes.some((s) => s.startsWith(want)), `${preset}: ${scopes.join(' ')}`);
  }
});

test('every entity is highlighted as an entity or a keyword', () => {
  const keywords = new Set(g4Keywords());
  for (const entity of [...entities('NAMED'), ...entities('CRD')]) {
    const bare = `  allow to ${entity}`;
    const bareScopes = scopesOfWord(bare, entity);
    const want = keywords.has(entity) ? 'keyword.' : 'support.constant.entity.';
    assert.ok(bareScopes.some((s) => s.startsWith(want)), `${bare}: ${bareScopes.join(' ')}`);
    const named = `  allow to entity ${entity}`;
    const namedScopes = scopesOfWord(named, entity);
    assert.ok(
      namedScopes.some((s) => s.startsWith('support.constant.entity.')),
      `${named}: ${namedScopes.join(' ')}`);
  }
});
