/**
 * Dates as support agents in France read them: Europe/Paris time, summer time included,
 * whatever the server's own time zone.
 */
const PARIS = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'medium', timeStyle: 'short' });

/** "4 déc. 2026, 11:20" for "2026-12-04T10:20:00.000Z"; the text unchanged when it is no date. */
export function parisDateTime(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : PARIS.format(new Date(time));
}
