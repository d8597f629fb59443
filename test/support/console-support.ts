import type { SupportRequest } from '../../src/report/request';
import type { TestFile } from './backend-server';
import { requestWith } from './backend-server';

/** Markup that would run or inject something if the console did not escape it. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><iframe src=javascript:alert(1)>',
] as const;

/** A valid request with hostile contents in every free-text field. */
export function hostileRequest(files: readonly TestFile[]): SupportRequest {
  const all = HOSTILE.join(' ');
  return requestWith(files, {
    title: `${HOSTILE[0]} ${HOSTILE[1]}`,
    description: HOSTILE.join('\n'),
    issuer: HOSTILE[1],
    contact: { name: HOSTILE[0], connectionId: HOSTILE[2], email: 'jean.dupont@exemple.fr', siret: '73282932000074' },
    invoiceNumbers: [HOSTILE[3]],
    pathSteps: [...HOSTILE],
    errors: [all],
    diagnostics: [`Script error — ${all}`],
    browser: HOSTILE[1],
    portalVersion: HOSTILE[2],
    pageUrl: `https://chorus-pro.gouv.fr/cpp/"><script>alert(1)</script>`,
  });
}

/** Logs in to the console and returns the session cookie ("name=value"). */
export async function logIn(baseUrl: string, token: string): Promise<string> {
  const response = await fetch(`${baseUrl}/console/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || !cookie) throw new Error(`console login failed (${response.status})`);
  return cookie;
}
