// Loads the Cilia TextMate grammar with vscode-textmate and vscode-oniguruma, as VS Code does,
// and tokenizes text line by line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import textmate from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** The project root: editors/test is two folders below it. */
export const root = join(here, '..', '..');
export const grammarPath = join(root, 'editors', 'textmate', 'cilia.tmLanguage.json');

const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === 'source.cilia'
      ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
      : null,
});

const grammar = await registry.loadGrammar('source.cilia');

/**
 * Tokenizes a whole text; returns one array per line of {text, scopes, line, column}, with
 * 1-based line and column, carrying the rule stack from line to line.
 */
export function tokenize(text) {
  let stack = textmate.INITIAL;
  const lines = text.split(/\r?\n/);
  return lines.map((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.substring(t.startIndex, t.endIndex),
      scopes: t.scopes,
      line: index + 1,
      column: t.startIndex + 1,
    }));
  });
}

/** The tokens of one line of text, tokenized on its own. */
export function tokenizeLine(line) {
  return tokenize(line)[0];
}

/** The scopes of the first token whose text is exactly {@code text} (or fails the test). */
export function scopesOf(tokens, text, nth = 0) {
  const found = tokens.filter((t) => t.text === text);
  if (found.length <= nth) {
    throw new Error(
      `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((t) => t.text))}`);
  }
  return found[nth].scopes;
}
