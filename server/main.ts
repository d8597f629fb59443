/**
 * Starts the reference support backend: `npm run build:server && node dist/server/main.js`.
 * Settings come from the environment (see config.ts); tokens and the database URL are never printed.
 */
import { createServer } from './app';
import { readConfig } from './config';

let config;
try {
  config = readConfig(process.env);
} catch (error) {
  console.error(`Support backend not started: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const app = createServer(config);
await app.listen({ port: config.port, host: config.host });

const address = app.server.address();
const port = typeof address === 'object' && address !== null ? address.port : config.port;
const base = `${config.https ? 'https' : 'http'}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
console.log(`Support backend API: ${base}/api/v1 (${config.apiToken ? 'token required' : 'no token: set API_TOKEN to require one'})`);
console.log(config.consoleToken ? `Agent console: ${base}/console` : 'Agent console disabled: set CONSOLE_TOKEN to enable it.');
console.log(config.databaseUrl ? 'Data: PostgreSQL (DATABASE_URL)' : `Data: SQLite in ${config.dataDir}`);
const { email, glpi, webhook } = config.forwarding ?? {};
const helpdesks = [email && `e-mail to ${email.to} via ${email.host}:${email.port}`, glpi && `GLPI at ${new URL(glpi.url).origin}`, webhook && `webhook at ${new URL(webhook.url).origin}`].filter(Boolean);
// Origins only: a webhook address may carry a token in its path or query.
console.log(helpdesks.length ? `Forwarding each request to: ${helpdesks.join('; ')}` : 'Forwarding off: see the README to pass requests on to your helpdesk.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
