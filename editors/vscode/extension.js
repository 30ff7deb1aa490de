// The Cilia extension: the grammar, snippets and problem matcher are declared in package.json;
// this starts `ciliac lsp` for diagnostics, hover, definitions, completion, formatting and quick
// fixes. When the server cannot start, the extension stays a grammar-only extension.
'use strict';

const { serverCommand, initializationOptions, fallbackMessage } = require('./server.js');

let client;

async function activate(context, deps) {
  const vscode = deps ? deps.vscode : require('vscode');
  const settings = vscode.workspace.getConfiguration('cilia');
  if (!settings.get('server.enabled', true)) {
    return;
  }
  const server = {
    path: settings.get('server.path', 'ciliac'),
    java: settings.get('server.java', ''),
    cilium: settings.get('cilium', ''),
  };
  const { command, args, env } = serverCommand(server);
  let LanguageClient;
  try {
    LanguageClient = deps ? deps.LanguageClient : require('vscode-languageclient/node').LanguageClient;
  } catch (error) {
    vscode.window.showWarningMessage(fallbackMessage(command, error));
    return;
  }
  client = new LanguageClient(
    'cilia',
    'Cilia',
    { command, args, options: { env } },
    {
      documentSelector: [{ scheme: 'file', language: 'cilia' }],
      initializationOptions: initializationOptions(server),
      synchronize: {
        configurationSection: 'cilia',
        fileEvents: vscode.workspace.createFileSystemWatcher('**/*.cilia'),
      },
    },
  );
  try {
    await client.start();
    context.subscriptions.push({ dispose: () => client && client.stop() });
  } catch (error) {
    const failed = client;
    client = undefined;
    try {
      await failed.stop();
    } catch (ignored) {
      // It never ran.
    }
    vscode.window.showWarningMessage(fallbackMessage(command, error));
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
