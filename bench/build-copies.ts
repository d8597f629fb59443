/**
 * Copies of both builds in a temporary folder, changed for one measurement (a bare sidebar, a
 * blank floor page), then removed with the folder.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Builds {
  chrome: string;
  firefox: string;
}

export interface BuildCopies extends Builds {
  remove(): void;
}

/** `change` gets the copies and the folder that holds them (for files they share); nothing is left when it throws. */
export async function writeBuildCopies(prefix: string, builds: Builds, change: (copies: Builds, folder: string) => void | Promise<void>): Promise<BuildCopies> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    const copies = { chrome: join(folder, 'chrome'), firefox: join(folder, 'firefox') };
    for (const browser of ['chrome', 'firefox'] as const) cpSync(builds[browser], copies[browser], { recursive: true });
    await change(copies, folder);
    return { ...copies, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
