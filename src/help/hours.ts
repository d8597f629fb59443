/**
 * LiveChat opening hours: Monday–Friday 8:30–18:30 Paris time on French business days, that
 * is not on the public holidays of the Code du travail (art. L3133-1). ClaudIA is always open.
 * Everything is computed in Europe/Paris wall time through Intl, whatever the machine's zone.
 */
import type { Locale, Translate } from '../i18n';

/** A calendar day; month 1–12. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
}

export const PARIS_TIME_ZONE = 'Europe/Paris';
const OPENS_AT = { hour: 8, minute: 30 };
const CLOSES_AT = { hour: 18, minute: 30 };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Easter Sunday in the Gregorian calendar (the anonymous Meeus/Jones/Butcher algorithm). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

function addDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function isoDate({ year, month, day }: CalendarDate): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Each holiday's key is the message key of its name. */
export type FrenchHolidayKey =
  | 'liveChatHolidayNewYear'
  | 'liveChatHolidayEasterMonday'
  | 'liveChatHolidayLabourDay'
  | 'liveChatHolidayVictoryDay'
  | 'liveChatHolidayAscension'
  | 'liveChatHolidayWhitMonday'
  | 'liveChatHolidayBastilleDay'
  | 'liveChatHolidayAssumption'
  | 'liveChatHolidayAllSaints'
  | 'liveChatHolidayArmistice'
  | 'liveChatHolidayChristmas';

export interface FrenchPublicHoliday {
  /** YYYY-MM-DD */
  date: string;
  key: FrenchHolidayKey;
}

/** The national public holidays of a year in date order (Ascension may share 1 or 8 May). */
export function frenchPublicHolidays(year: number): FrenchPublicHoliday[] {
  const easter = easterSunday(year);
  const fixed = (month: number, day: number, key: FrenchHolidayKey) => ({ date: isoDate({ year, month, day }), key });
  const afterEaster = (days: number, key: FrenchHolidayKey) => ({ date: isoDate(addDays(easter, days)), key });
  return [
    fixed(1, 1, 'liveChatHolidayNewYear'),
    afterEaster(1, 'liveChatHolidayEasterMonday'),
    fixed(5, 1, 'liveChatHolidayLabourDay'),
    fixed(5, 8, 'liveChatHolidayVictoryDay'),
    afterEaster(39, 'liveChatHolidayAscension'),
    afterEaster(50, 'liveChatHolidayWhitMonday'),
    fixed(7, 14, 'liveChatHolidayBastilleDay'),
    fixed(8, 15, 'liveChatHolidayAssumption'),
    fixed(11, 1, 'liveChatHolidayAllSaints'),
    fixed(11, 11, 'liveChatHolidayArmistice'),
    fixed(12, 25, 'liveChatHolidayChristmas'),
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

function holidayOn(date: CalendarDate): FrenchPublicHoliday | undefined {
  const iso = isoDate(date);
  return frenchPublicHolidays(date.year).find((holiday) => holiday.date === iso);
}

export function isFrenchPublicHoliday(date: CalendarDate): boolean {
  return holidayOn(date) !== undefined;
}

function isBusinessDay(date: CalendarDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(date);
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** The wall time a zone shows at an instant. Throws a RangeError for a zone Intl does not know. */
function wallTimeIn(timeZone: string, instant: number): WallTime & { second: number } {
  let clock = wallClocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClocks.set(timeZone, clock);
  }
  const parts = Object.fromEntries(clock.formatToParts(instant).map((part) => [part.type, Number(part.value)]));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts[type] ?? 0;
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** How far ahead of UTC a zone's clock is at an instant, in ms. */
function utcOffset(timeZone: string, instant: number): number {
  const wall = wallTimeIn(timeZone, instant);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant at which Paris clocks show the given wall time. Tries the offsets in force a
 * day before and a day after (Paris never changes twice within two days) and keeps one that
 * round-trips. Like Temporal's "compatible" choice: a time repeated when clocks go back
 * (October, 2:00–3:00) is its first occurrence, and a time skipped when they go forward
 * (March, 2:00–3:00) is moved forward by the gap.
 */
export function parisWallTimeToInstant(year: number, month: number, day: number, hour: number, minute: number): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const before = asUtc - utcOffset(PARIS_TIME_ZONE, asUtc - DAY_MS);
  const after = asUtc - utcOffset(PARIS_TIME_ZONE, asUtc + DAY_MS);
  const roundTrips = [before, after].filter((instant) => asUtc - instant === utcOffset(PARIS_TIME_ZONE, instant));
  return new Date(roundTrips.length > 0 ? Math.min(...roundTrips) : before);
}

export type LiveChatStatus = { open: true; closesAt: Date } | { open: false; opensAt: Date };

function parisInstantOn(date: CalendarDate, time: { hour: number; minute: number }): Date {
  return parisWallTimeToInstant(date.year, date.month, date.day, time.hour, time.minute);
}

export function liveChatStatus(now: Date): LiveChatStatus {
  const paris = wallTimeIn(PARIS_TIME_ZONE, now.getTime());
  const minutes = paris.hour * 60 + paris.minute;
  if (isBusinessDay(paris)) {
    if (minutes < OPENS_AT.hour * 60 + OPENS_AT.minute) return { open: false, opensAt: parisInstantOn(paris, OPENS_AT) };
    if (minutes < CLOSES_AT.hour * 60 + CLOSES_AT.minute) return { open: true, closesAt: parisInstantOn(paris, CLOSES_AT) };
  }
  let day = addDays(paris, 1);
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return { open: false, opensAt: parisInstantOn(day, OPENS_AT) };
}

function wallTimeOrUndefined(timeZone: string, instant: number): WallTime | undefined {
  try {
    return wallTimeIn(timeZone, instant);
  } catch {
    return undefined; // an unknown zone: treat it as different from Paris
  }
}

function sameWallTime(a: WallTime | undefined, b: WallTime): boolean {
  return a !== undefined && isoDate(a) === isoDate(b) && a.hour === b.hour && a.minute === b.minute;
}

/**
 * One line for the help sidebar. Times are Paris times on a 24-hour clock ("8:30", "18:30"),
 * labelled "(heure de Paris)" when `userTimeZone` is given and its clock shows another time.
 * The opening day reads, by Paris calendar: "today", "tomorrow", a weekday name within six
 * days, else a full date. "Today"/"tomorrow" are used only when the user's calendar date is
 * Paris's too (in Nouméa, Paris's "tomorrow" may already be today), else the weekday name.
 * On a public holiday the closure is explained by the holiday's name.
 */
export function describeLiveChatStatus(status: LiveChatStatus, now: Date, t: Translate, locale: Locale, userTimeZone?: string): string {
  const shown = status.open ? status.closesAt : status.opensAt;
  const parisShown = wallTimeIn(PARIS_TIME_ZONE, shown.getTime());
  let time = `${parisShown.hour}:${String(parisShown.minute).padStart(2, '0')}`;
  if (userTimeZone !== undefined && !sameWallTime(wallTimeOrUndefined(userTimeZone, shown.getTime()), parisShown)) {
    time = t('liveChatParisTime', [time]);
  }
  if (status.open) return t('liveChatOpenUntil', [time]);

  const parisToday = wallTimeIn(PARIS_TIME_ZONE, now.getTime());
  const userToday = userTimeZone === undefined ? parisToday : wallTimeOrUndefined(userTimeZone, now.getTime());
  const relativeWordsFit = userToday !== undefined && isoDate(userToday) === isoDate(parisToday);
  const daysAway = Math.round(
    (Date.UTC(parisShown.year, parisShown.month - 1, parisShown.day) - Date.UTC(parisToday.year, parisToday.month - 1, parisToday.day)) / DAY_MS,
  );
  const intlLocale = locale === 'fr' ? 'fr-FR' : 'en-GB';
  let opens: string;
  if (relativeWordsFit && daysAway <= 0) opens = t('liveChatOpensToday', [time]);
  else if (relativeWordsFit && daysAway === 1) opens = t('liveChatOpensTomorrow', [time]);
  else if (daysAway < 7) {
    const weekday = new Intl.DateTimeFormat(intlLocale, { timeZone: PARIS_TIME_ZONE, weekday: 'long' }).format(shown);
    opens = t('liveChatOpensOnWeekday', [weekday, time]);
  } else {
    const date = new Intl.DateTimeFormat(intlLocale, { timeZone: PARIS_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long' }).format(shown);
    opens = t('liveChatOpensOnDate', [date, time]);
  }
  const holiday = holidayOn(parisToday);
  return holiday ? t('liveChatClosedForHoliday', [t(holiday.key), opens]) : opens;
}
