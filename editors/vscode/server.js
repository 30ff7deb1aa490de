// How the extension starts `ciliac lsp`: plain Node, no `vscode` import, so that it can be tested.
'use strict';

const path = require('node:path');

/**
 * The command that runs the language server, from the settings `cilia.server.path` (the `ciliac`
 * script, or `ciliac.jar`) and `cilia.server.java` (a `java` executable or a Java home folder;
 * empty: JAVA_HOME, then `java` on PATH).
 */
function serverCommand(settings, env = process.env, platform = process.platform) {
  const ciliac = (settings.path || 'ciliac').trim();
  const java = javaExecutable((settings.java || '').trim(), env, platform);
  const childEnv = { ...env };
  if (java.home) {
    // The `ciliac` script runs the `java` it finds on PATH.
    const sep = platform === 'win32' ? ';' : ':';
    childEnv.JAVA_HOME = java.home;
    childEnv.PATH = path.join(java.home, 'bin') + sep + (env.PATH || '');
  }
  if (ciliac.toLowerCase().endsWith('.jar')) {
    return { command: java.command, args: ['-jar', ciliac, 'lsp'], env: childEnv };
  }
  return { command: ciliac, args: ['lsp'], env: childEnv };
}

function javaExecutable(setting, env, platform) {
  const exe = platform === 'win32' ? 'java.exe' : 'java';
  if (setting) {
    const base = path.basename(setting).toLowerCase();
    if (base === 'java' || base === 'java.exe') {
      return { command: setting, home: path.dirname(path.dirname(setting)) };
    }
    return { command: path.join(setting, 'bin', exe), home: setting };
  }
  if (env.JAVA_HOME) {
    return { command: path.join(env.JAVA_HOME, 'bin', exe), home: undefined };
  }
  return { command: 'java', home: undefined };
}

/** What the server reads at start: the target (`cilia.cilium`), empty for the files' own. */
function initializationOptions(settings) {
  return { cilium: settings.cilium || '' };
}

/** The one message shown when the server cannot start; highlighting keeps working. */
function fallbackMessage(command, error) {
  const reason = error && error.message ? error.message : String(error);
  return (
    `Cilia: the language server (${command} lsp) did not start: ${reason}. ` +
    'Highlighting, snippets and the $ciliac problem matcher still work; set ' +
    '"cilia.server.path" to the ciliac script or ciliac.jar, and "cilia.server.java" to a Java 17+ ' +
    'runtime, or turn the server off with "cilia.server.enabled": false.'
  );
}

module.exports = { serverCommand, initializationOptions, fallbackMessage };
