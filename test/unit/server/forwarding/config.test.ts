// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { forwardingTargets, readForwardingConfig } from '../../../../server/forwarding/config';

const SECRET = 'a'.repeat(32);

describe('forwarding settings', () => {
  it('forwards nowhere by default', () => {
    expect(readForwardingConfig({})).toEqual({});
    expect(forwardingTargets({})).toEqual([]);
  });

  it('reads each helpdesk from its variables', () => {
    const config = readForwardingConfig({
      FORWARD_EMAIL_TO: 'support@exemple.fr',
      FORWARD_EMAIL_FROM: 'assistant@exemple.fr',
      SMTP_HOST: 'smtp.exemple.fr',
      SMTP_PORT: '465',
      SMTP_USER: 'assistant',
      SMTP_PASSWORD: 'mot-de-passe',
      GLPI_URL: 'https://glpi.exemple.fr/apirest.php',
      GLPI_USER_TOKEN: 'user',
      WEBHOOK_URL: 'https://hooks.exemple.fr/chorus',
      WEBHOOK_SECRET: SECRET,
    });
    expect(config).toEqual({
      email: { to: 'support@exemple.fr', from: 'assistant@exemple.fr', host: 'smtp.exemple.fr', port: 465, secure: true, user: 'assistant', password: 'mot-de-passe' },
      glpi: { url: 'https://glpi.exemple.fr/apirest.php', userToken: 'user' },
      webhook: { url: 'https://hooks.exemple.fr/chorus', secret: SECRET },
    });
    expect(forwardingTargets(config)).toEqual(['email', 'glpi', 'webhook']);
  });

  it('uses STARTTLS on port 587 unless told otherwise', () => {
    const email = readForwardingConfig({ FORWARD_EMAIL_TO: 'a@b.fr', FORWARD_EMAIL_FROM: 'c@d.fr', SMTP_HOST: 'h' }).email;
    expect(email).toMatchObject({ port: 587, secure: false });
  });

  it.each([
    [{ FORWARD_EMAIL_TO: 'a@b.fr', SMTP_HOST: 'h' }, 'FORWARD_EMAIL_FROM is required when FORWARD_EMAIL_TO is set'],
    [{ FORWARD_EMAIL_TO: 'a@b.fr', FORWARD_EMAIL_FROM: 'c@d.fr' }, 'SMTP_HOST is required when FORWARD_EMAIL_TO is set'],
    [{ FORWARD_EMAIL_TO: 'a@b.fr', FORWARD_EMAIL_FROM: 'c@d.fr', SMTP_HOST: 'h', SMTP_PORT: '0' }, 'SMTP_PORT must be an integer from 1 to 65535'],
    [{ FORWARD_EMAIL_TO: 'a@b.fr', FORWARD_EMAIL_FROM: 'c@d.fr', SMTP_HOST: 'h', SMTP_SECURE: 'yes' }, 'SMTP_SECURE must be true or false'],
    [{ FORWARD_EMAIL_TO: 'a@b.fr', FORWARD_EMAIL_FROM: 'c@d.fr', SMTP_HOST: 'h', SMTP_USER: 'u' }, 'SMTP_PASSWORD is required when SMTP_USER is set'],
    [{ GLPI_URL: 'https://glpi.exemple.fr/apirest.php' }, 'GLPI_USER_TOKEN is required when GLPI_URL is set'],
    [{ GLPI_URL: 'ftp://glpi.exemple.fr', GLPI_USER_TOKEN: 'u' }, 'GLPI_URL must be an http(s) address'],
    [{ WEBHOOK_URL: 'https://user:pass@hooks.exemple.fr', WEBHOOK_SECRET: SECRET }, 'WEBHOOK_URL must not carry credentials'],
    [{ WEBHOOK_URL: 'https://hooks.exemple.fr' }, 'WEBHOOK_SECRET is required when WEBHOOK_URL is set'],
    [{ WEBHOOK_URL: 'https://hooks.exemple.fr', WEBHOOK_SECRET: 'short' }, 'WEBHOOK_SECRET must be at least 32 characters'],
  ])('stops on a half-set helpdesk: %o', (env, message) => {
    expect(() => readForwardingConfig(env)).toThrow(message);
  });

  it('never puts a secret in its error messages', () => {
    expect(() => readForwardingConfig({ WEBHOOK_URL: 'https://hooks.exemple.fr', WEBHOOK_SECRET: 'secret-value' })).toThrow(/^(?!.*secret-value)/);
  });
});
