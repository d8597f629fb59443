// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../src/store/db';
import { trails } from '../../../src/store/trail';
import type { TrailStep } from '../../../src/trail/step';
import { T0, useFreshDatabase } from './support';

const database = useFreshDatabase();
const steps: TrailStep[] = [
  { kind: 'page', at: T0, title: 'Factures émises', path: '/cpp/facture' },
  { kind: 'click', at: T0 + 1000, label: 'Rechercher' },
];

describe('trails', () => {
  it('keeps each tab’s steps until the tab goes', async () => {
    const db = await database.open();
    await trails.put(db, 4, steps);
    await trails.put(db, 5, steps.slice(1));
    expect(await trails.get(db, 4)).toEqual(steps);

    await trails.remove(db, 4);
    expect(await trails.get(db, 4)).toEqual([]);
    expect(await trails.get(db, 5)).toEqual(steps.slice(1));

    await trails.clear(db);
    expect(await trails.get(db, 5)).toEqual([]);
  });

  it('drops stored steps that fail the trail step check', async () => {
    const db = await database.open();
    await writeTransaction(db, ['trail'], (tx) =>
      tx.objectStore('trail').put({ tabId: 4, steps: [steps[0], { kind: 'click', at: T0, label: 'x', typed: 'secret' }, 'junk'] }),
    );
    expect(await trails.get(db, 4)).toEqual([steps[0]]);
  });
});
