import { vi } from 'vitest';

/** A managed storage area whose reads answer, in order, when the test says so. */
export function slowManagedArea() {
  const answers: ((values: Record<string, unknown>) => void)[] = [];
  const area = { get: vi.fn(() => new Promise<Record<string, unknown>>((resolve) => answers.push(resolve))) };
  return { area, answer: (values: Record<string, unknown>) => answers.shift()!(values) };
}
