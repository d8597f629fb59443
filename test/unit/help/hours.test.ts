// @vitest-environment node
// Pure module: no DOM needed (and happy-dom's global URL breaks the file URLs translatorFor resolves).
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  describeLiveChatStatus,
  easterSunday,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  liveChatStatus,
  parisWallTimeToInstant,
  type LiveChatStatus,
} from '../../../src/help/hours';
import { translatorFor } from '../../support/i18n';

const fr = translatorFor('fr');
const en = translatorFor('en');
const at = (iso: string) => new Date(iso);
const ymd = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2008, '2008-03-23'],
    [2285, '2285-03-22'], // earliest possible date
    [2000, '2000-04-23'],
  ])('%i → %s', (year, iso) => {
    expect(easterSunday(year)).toEqual(ymd(iso));
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven holidays of 2026 in date order', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', key: 'liveChatHolidayNewYear' },
      { date: '2026-04-06', key: 'liveChatHolidayEasterMonday' },
      { date: '2026-05-01', key: 'liveChatHolidayLabourDay' },
      { date: '2026-05-08', key: 'liveChatHolidayVictoryDay' },
      { date: '2026-05-14', key: 'liveChatHolidayAscension' },
      { date: '2026-05-25', key: 'liveChatHolidayWhitMonday' },
      { date: '2026-07-14', key: 'liveChatHolidayBastilleDay' },
      { date: '2026-08-15', key: 'liveChatHolidayAssumption' },
      { date: '2026-11-01', key: 'liveChatHolidayAllSaints' },
      { date: '2026-11-11', key: 'liveChatHolidayArmistice' },
      { date: '2026-12-25', key: 'liveChatHolidayChristmas' },
    ]);
  });

  it('lists the eleven holidays of 2027 in date order', () => {
    expect(frenchPublicHolidays(2027).map((holiday) => holiday.date)).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it('keeps both holidays when Ascension falls on 1 May (2008)', () => {
    const onFirstMay = frenchPublicHolidays(2008).filter((holiday) => holiday.date === '2008-05-01');
    expect(onFirstMay.map((holiday) => holiday.key).sort()).toEqual(['liveChatHolidayAscension', 'liveChatHolidayLabourDay']);
  });

  it('has a name in both languages for every holiday', () => {
    for (const { key } of frenchPublicHolidays(2026)) {
      expect(fr(key)).not.toBe('');
      expect(en(key)).not.toBe('');
    }
  });
});

describe('isFrenchPublicHoliday', () => {
  it.each(['2026-01-01', '2026-04-06', '2026-05-14', '2026-05-25', '2026-07-14', '2026-12-25', '2027-03-29', '2027-05-06', '2027-05-17', '2038-04-26'])(
    '%s is a holiday',
    (iso) => expect(isFrenchPublicHoliday(ymd(iso))).toBe(true),
  );

  it.each([
    ['Easter Sunday itself', '2026-04-05'],
    ['Good Friday (Alsace-Moselle only)', '2026-04-03'],
    ['26 December (Alsace-Moselle only)', '2026-12-26'],
    ['the day before 14 July', '2026-07-13'],
    ['an ordinary Tuesday', '2026-06-02'],
  ])('%s is not a holiday', (_, iso) => expect(isFrenchPublicHoliday(ymd(iso))).toBe(false));
});

describe('parisWallTimeToInstant', () => {
  it.each([
    ['winter (UTC+1)', [2026, 1, 15, 8, 30], '2026-01-15T07:30:00.000Z'],
    ['summer (UTC+2)', [2026, 7, 15, 8, 30], '2026-07-15T06:30:00.000Z'],
    ['the Monday after clocks go forward', [2026, 3, 30, 8, 30], '2026-03-30T06:30:00.000Z'],
    ['the Monday after clocks go back', [2026, 10, 26, 8, 30], '2026-10-26T07:30:00.000Z'],
    ['just before clocks go forward', [2026, 3, 29, 1, 59], '2026-03-29T00:59:00.000Z'],
    ['a time skipped by clocks going forward, moved on by the gap', [2026, 3, 29, 2, 30], '2026-03-29T01:30:00.000Z'],
    ['just after clocks go forward', [2026, 3, 29, 3, 0], '2026-03-29T01:00:00.000Z'],
    ['just before the repeated hour', [2026, 10, 25, 1, 59], '2026-10-24T23:59:00.000Z'],
    ['a repeated time, first occurrence', [2026, 10, 25, 2, 30], '2026-10-25T00:30:00.000Z'],
    ['just after the repeated hour', [2026, 10, 25, 3, 0], '2026-10-25T02:00:00.000Z'],
    ['midnight on New Year', [2027, 1, 1, 0, 0], '2026-12-31T23:00:00.000Z'],
  ] as const)('%s', (_, [year, month, day, hour, minute], iso) => {
    expect(parisWallTimeToInstant(year, month, day, hour, minute).toISOString()).toBe(iso);
  });

  it.each([
    ['forward', '2026-03-27T00:00:00Z', undefined],
    ['back', '2026-10-23T00:00:00Z', '2026-10-25T01:00:00Z'],
  ] as const)('round-trips every quarter hour of the days around clocks going %s, but the repeated hour’s second pass', (_, from, secondPassStart) => {
    const paris = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Paris', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    const secondPass = secondPassStart === undefined ? NaN : Date.parse(secondPassStart);
    const start = Date.parse(from);
    for (let instant = start; instant < start + 4 * 86_400_000; instant += 900_000) {
      const part = Object.fromEntries(paris.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
      const back = parisWallTimeToInstant(part['year']!, part['month']!, part['day']!, part['hour']!, part['minute']!).getTime();
      const inSecondPass = instant >= secondPass && instant < secondPass + 3_600_000;
      expect(back).toBe(inSecondPass ? instant - 3_600_000 : instant);
    }
  });
});

describe('liveChatStatus', () => {
  const opensAt = (iso: string): LiveChatStatus => ({ open: false, opensAt: at(iso) });
  const closesAt = (iso: string): LiveChatStatus => ({ open: true, closesAt: at(iso) });

  it('is open on a business day between 8:30 and 18:30 Paris time', () => {
    expect(liveChatStatus(at('2026-06-02T10:00:00+02:00'))).toEqual(closesAt('2026-06-02T18:30:00+02:00'));
  });

  it('opens at 8:30 sharp', () => {
    expect(liveChatStatus(at('2026-06-02T08:29:59.999+02:00'))).toEqual(opensAt('2026-06-02T08:30:00+02:00'));
    expect(liveChatStatus(at('2026-06-02T08:30:00+02:00'))).toEqual(closesAt('2026-06-02T18:30:00+02:00'));
  });

  it('is open at 18:29 and closed at 18:30', () => {
    expect(liveChatStatus(at('2026-06-02T18:29:59.999+02:00'))).toEqual(closesAt('2026-06-02T18:30:00+02:00'));
    expect(liveChatStatus(at('2026-06-02T18:30:00+02:00'))).toEqual(opensAt('2026-06-03T08:30:00+02:00'));
  });

  it('sends Friday evening and the weekend to Monday 8:30', () => {
    const monday = opensAt('2026-06-08T08:30:00+02:00');
    expect(liveChatStatus(at('2026-06-05T19:00:00+02:00'))).toEqual(monday);
    expect(liveChatStatus(at('2026-06-06T12:00:00+02:00'))).toEqual(monday);
    expect(liveChatStatus(at('2026-06-07T23:59:00+02:00'))).toEqual(monday);
  });

  it('skips Easter Monday: Friday evening before it → Tuesday 8:30', () => {
    expect(liveChatStatus(at('2026-04-03T19:00:00+02:00'))).toEqual(opensAt('2026-04-07T08:30:00+02:00'));
    expect(liveChatStatus(at('2026-04-06T10:00:00+02:00'))).toEqual(opensAt('2026-04-07T08:30:00+02:00'));
  });

  it('skips Whit Monday and Ascension Thursday', () => {
    expect(liveChatStatus(at('2026-05-22T18:45:00+02:00'))).toEqual(opensAt('2026-05-26T08:30:00+02:00'));
    expect(liveChatStatus(at('2026-05-13T18:30:00+02:00'))).toEqual(opensAt('2026-05-15T08:30:00+02:00'));
    expect(liveChatStatus(at('2026-05-14T11:00:00+02:00'))).toEqual(opensAt('2026-05-15T08:30:00+02:00'));
  });

  it('skips 1 May and 8 May on Fridays (2026)', () => {
    expect(liveChatStatus(at('2026-04-30T19:00:00+02:00'))).toEqual(opensAt('2026-05-04T08:30:00+02:00'));
    expect(liveChatStatus(at('2026-05-07T19:00:00+02:00'))).toEqual(opensAt('2026-05-11T08:30:00+02:00'));
  });

  it('is closed on 14 July falling on a Tuesday (2026)', () => {
    expect(liveChatStatus(at('2026-07-13T19:00:00+02:00'))).toEqual(opensAt('2026-07-15T08:30:00+02:00'));
    expect(liveChatStatus(at('2026-07-14T10:00:00+02:00'))).toEqual(opensAt('2026-07-15T08:30:00+02:00'));
  });

  it.each([
    ['Thursday (2026): open again Friday 2 January', '2025-12-31T19:00:00+01:00', '2026-01-02T08:30:00+01:00'],
    ['Friday (2027): open again Monday 4 January', '2026-12-31T19:00:00+01:00', '2027-01-04T08:30:00+01:00'],
    ['Saturday (2028): open Monday 3 January as usual', '2027-12-31T19:00:00+01:00', '2028-01-03T08:30:00+01:00'],
    ['Sunday (2023): open Monday 2 January as usual', '2022-12-30T19:00:00+01:00', '2023-01-02T08:30:00+01:00'],
    ['Monday (2029): open again Tuesday 2 January', '2028-12-29T19:00:00+01:00', '2029-01-02T08:30:00+01:00'],
    ['Tuesday (2030): open again Wednesday 2 January', '2029-12-31T19:00:00+01:00', '2030-01-02T08:30:00+01:00'],
  ])('1 January on a %s', (_, now, next) => {
    expect(liveChatStatus(at(now))).toEqual(opensAt(next));
  });

  it('is closed on Christmas: Friday 25 December 2026 → Monday 28', () => {
    expect(liveChatStatus(at('2026-12-24T18:30:00+01:00'))).toEqual(opensAt('2026-12-28T08:30:00+01:00'));
    expect(liveChatStatus(at('2026-12-25T10:00:00+01:00'))).toEqual(opensAt('2026-12-28T08:30:00+01:00'));
  });

  it('is open on Friday 24 December 2027 (Christmas on a Saturday)', () => {
    expect(liveChatStatus(at('2027-12-24T10:00:00+01:00'))).toEqual(closesAt('2027-12-24T18:30:00+01:00'));
  });

  describe('around the change to summer time (Sunday 29 March 2026)', () => {
    it('gives Friday evening the Monday opening in summer time', () => {
      expect(liveChatStatus(at('2026-03-27T19:00:00+01:00'))).toEqual(opensAt('2026-03-30T06:30:00Z'));
      expect(liveChatStatus(at('2026-03-29T10:00:00+02:00'))).toEqual(opensAt('2026-03-30T06:30:00Z'));
    });

    it('is closed on Monday at 8:29 and open at 8:30, until 18:30 summer time', () => {
      expect(liveChatStatus(at('2026-03-30T06:29:00Z'))).toEqual(opensAt('2026-03-30T06:30:00Z'));
      expect(liveChatStatus(at('2026-03-30T06:30:00Z'))).toEqual(closesAt('2026-03-30T16:30:00Z'));
    });
  });

  describe('around the change to winter time (Sunday 25 October 2026)', () => {
    it('gives Friday evening the Monday opening in winter time', () => {
      expect(liveChatStatus(at('2026-10-23T19:00:00+02:00'))).toEqual(opensAt('2026-10-26T07:30:00Z'));
      expect(liveChatStatus(at('2026-10-25T02:30:00+01:00'))).toEqual(opensAt('2026-10-26T07:30:00Z'));
    });

    it('is closed on Monday at 8:29 and open at 8:30, until 18:30 winter time', () => {
      expect(liveChatStatus(at('2026-10-26T07:29:00Z'))).toEqual(opensAt('2026-10-26T07:30:00Z'));
      expect(liveChatStatus(at('2026-10-26T07:30:00Z'))).toEqual(closesAt('2026-10-26T17:30:00Z'));
    });
  });

  describe('whatever the machine time zone', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it.each(['Pacific/Noumea', 'America/Cayenne', 'UTC'])('gives the same answers with TZ=%s', (zone) => {
      vi.stubEnv('TZ', zone);
      expect(liveChatStatus(at('2026-06-02T08:30:00+02:00'))).toEqual(closesAt('2026-06-02T18:30:00+02:00'));
      expect(liveChatStatus(at('2026-04-03T23:30:00+02:00'))).toEqual(opensAt('2026-04-07T08:30:00+02:00'));
      expect(parisWallTimeToInstant(2026, 3, 30, 8, 30).toISOString()).toBe('2026-03-30T06:30:00.000Z');
    });
  });
});

describe('describeLiveChatStatus', () => {
  const describeAt = (iso: string, locale: 'fr' | 'en', userTimeZone?: string) =>
    describeLiveChatStatus(liveChatStatus(at(iso)), at(iso), locale === 'fr' ? fr : en, locale, userTimeZone);

  it.each([
    ['open', '2026-06-02T10:00:00+02:00', "Ouvert jusqu'à 18:30", 'Open until 18:30'],
    ['before opening', '2026-06-02T07:00:00+02:00', "Ouvre aujourd'hui à 8:30", 'Opens today at 8:30'],
    ['after closing', '2026-06-02T19:00:00+02:00', 'Ouvre demain à 8:30', 'Opens tomorrow at 8:30'],
    ['Friday evening', '2026-06-05T19:00:00+02:00', 'Ouvre lundi à 8:30', 'Opens Monday at 8:30'],
    ['Saturday', '2026-06-06T12:00:00+02:00', 'Ouvre lundi à 8:30', 'Opens Monday at 8:30'],
    ['Sunday', '2026-06-07T12:00:00+02:00', 'Ouvre demain à 8:30', 'Opens tomorrow at 8:30'],
    ['Friday before Easter Monday', '2026-04-03T19:00:00+02:00', 'Ouvre mardi à 8:30', 'Opens Tuesday at 8:30'],
    ['Easter Monday', '2026-04-06T10:00:00+02:00', 'Fermé (Lundi de Pâques). Ouvre demain à 8:30', 'Closed (Easter Monday). Opens tomorrow at 8:30'],
    ['Christmas on a Friday', '2026-12-25T10:00:00+01:00', 'Fermé (Noël). Ouvre lundi à 8:30', 'Closed (Christmas Day). Opens Monday at 8:30'],
    ['14 July on a Tuesday', '2026-07-14T07:00:00+02:00', 'Fermé (Fête nationale). Ouvre demain à 8:30', 'Closed (Bastille Day). Opens tomorrow at 8:30'],
  ])('%s', (_, iso, french, english) => {
    expect(describeAt(iso, 'fr')).toBe(french);
    expect(describeAt(iso, 'en')).toBe(english);
  });

  it('gives a full date for an opening a week or more away', () => {
    const status: LiveChatStatus = { open: false, opensAt: at('2026-06-02T08:30:00+02:00') };
    const now = at('2026-05-26T09:00:00+02:00');
    expect(describeLiveChatStatus(status, now, fr, 'fr')).toBe('Ouvre le mardi 2 juin à 8:30');
    expect(describeLiveChatStatus(status, now, en, 'en')).toBe('Opens on Tuesday 2 June at 8:30');
    expect(describeLiveChatStatus(status, at('2026-05-27T09:00:00+02:00'), fr, 'fr')).toBe('Ouvre mardi à 8:30');
  });

  it('does not label the time for a user in Paris, or in a zone with the same clock', () => {
    expect(describeAt('2026-06-02T10:00:00+02:00', 'fr', 'Europe/Paris')).toBe("Ouvert jusqu'à 18:30");
    expect(describeAt('2026-06-02T10:00:00+02:00', 'fr', 'Europe/Brussels')).toBe("Ouvert jusqu'à 18:30");
  });

  it('labels Paris time for a user in Cayenne, still saying "tomorrow" on the same date', () => {
    expect(describeAt('2026-06-02T10:00:00+02:00', 'fr', 'America/Cayenne')).toBe("Ouvert jusqu'à 18:30 (heure de Paris)");
    expect(describeAt('2026-06-02T19:00:00+02:00', 'fr', 'America/Cayenne')).toBe('Ouvre demain à 8:30 (heure de Paris)');
    expect(describeAt('2026-06-02T19:00:00+02:00', 'en', 'America/Cayenne')).toBe('Opens tomorrow at 8:30 (Paris time)');
  });

  it('names the weekday for a user in Nouméa whose date is already Paris’s tomorrow', () => {
    // Sunday 20:00 in Paris is Monday 05:00 in Nouméa: "tomorrow" would mislead.
    expect(describeAt('2026-06-07T20:00:00+02:00', 'fr', 'Pacific/Noumea')).toBe('Ouvre lundi à 8:30 (heure de Paris)');
    expect(describeAt('2026-06-07T20:00:00+02:00', 'en', 'Pacific/Noumea')).toBe('Opens Monday at 8:30 (Paris time)');
    expect(describeAt('2026-06-07T12:00:00+02:00', 'fr', 'Pacific/Noumea')).toBe('Ouvre demain à 8:30 (heure de Paris)');
  });

  it('labels Paris time in London, where the clock is one hour behind', () => {
    expect(describeAt('2026-06-02T10:00:00+02:00', 'en', 'Europe/London')).toBe('Open until 18:30 (Paris time)');
  });

  it('treats an unknown time zone as different from Paris', () => {
    expect(describeAt('2026-06-02T19:00:00+02:00', 'fr', 'Mars/Olympus_Mons')).toBe('Ouvre mercredi à 8:30 (heure de Paris)');
  });
});
