/**
 * Which helpdesks the server forwards each request to, from the environment. A connector is
 * on when its address is set; a half-set one stops the start-up with the missing name, so a
 * typo never silently forwards nothing. Secrets are read here and never printed.
 */
import type { EmailSettings } from './email';
import type { GlpiSettings } from './glpi';
import { FORWARDER_NAMES } from './outbox';
import type { ForwarderName } from './outbox';
import type { WebhookSettings } from './webhook';

export interface ForwardingConfig {
  email?: EmailSettings;
  glpi?: GlpiSettings;
  webhook?: WebhookSettings;
}

const MIN_WEBHOOK_SECRET_LENGTH = 32;

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required when ${because} is set`);
  return value;
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) address`);
  if (url.username || url.password) throw new Error(`${name} must not carry credentials`);
  return value;
}

function emailSettings(env: NodeJS.ProcessEnv): EmailSettings | undefined {
  const to = env['FORWARD_EMAIL_TO'];
  if (!to) return undefined;
  const portText = env['SMTP_PORT'] || '587';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error('SMTP_PORT must be an integer from 1 to 65535');
  const secureText = env['SMTP_SECURE'];
  if (secureText !== undefined && secureText !== '' && secureText !== 'true' && secureText !== 'false') throw new Error('SMTP_SECURE must be true or false');
  const user = env['SMTP_USER'] || undefined;
  return {
    to,
    from: required(env, 'FORWARD_EMAIL_FROM', 'FORWARD_EMAIL_TO'),
    host: required(env, 'SMTP_HOST', 'FORWARD_EMAIL_TO'),
    port,
    secure: secureText ? secureText === 'true' : port === 465,
    ...(user === undefined ? {} : { user, password: required(env, 'SMTP_PASSWORD', 'SMTP_USER') }),
  };
}

function glpiSettings(env: NodeJS.ProcessEnv): GlpiSettings | undefined {
  const url = env['GLPI_URL'];
  if (!url) return undefined;
  const appToken = env['GLPI_APP_TOKEN'] || undefined;
  return { url: httpUrl('GLPI_URL', url), userToken: required(env, 'GLPI_USER_TOKEN', 'GLPI_URL'), ...(appToken === undefined ? {} : { appToken }) };
}

function webhookSettings(env: NodeJS.ProcessEnv): WebhookSettings | undefined {
  const url = env['WEBHOOK_URL'];
  if (!url) return undefined;
  const secret = required(env, 'WEBHOOK_SECRET', 'WEBHOOK_URL');
  if (secret.length < MIN_WEBHOOK_SECRET_LENGTH) throw new Error(`WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters`);
  return { url: httpUrl('WEBHOOK_URL', url), secret };
}

export function readForwardingConfig(env: NodeJS.ProcessEnv): ForwardingConfig {
  const email = emailSettings(env);
  const glpi = glpiSettings(env);
  const webhook = webhookSettings(env);
  return { ...(email && { email }), ...(glpi && { glpi }), ...(webhook && { webhook }) };
}

export function forwardingTargets(config: ForwardingConfig): ForwarderName[] {
  return FORWARDER_NAMES.filter((name) => config[name] !== undefined);
}
