import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, test, vi } from 'vitest';
import PortalHandoff from '../../../../extension/sidebar/parts/PortalHandoff.svelte';
import { formNotFoundReport } from '../../../../src/channels/portal-form';
import { validRequest } from '../../../support/request-fixture';
import { translatorFor } from '../../../support/i18n';

vi.mock('../../../../extension/shared/native-runtime', async () => (await import('./mock-browser')).frenchBrowser());

const t = translatorFor('fr');
afterEach(cleanup);

function renderNotFound() {
  render(PortalHandoff, { report: formNotFoundReport(), request: validRequest({ title: 'Dépôt refusé' }), generation: 'services', fileNames: ['capture.png'] });
  const row = screen.getAllByTestId('copy-value').find((element) => element.textContent === 'Dépôt refusé')!.closest('.copy-row') as HTMLElement;
  return { row, button: within(row).getByTestId('copy-field') };
}

describe('the portal form not found', () => {
  test('each field is copied on its own', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const { button } = renderNotFound();
    await fireEvent.click(button);
    expect(writeText).toHaveBeenCalledWith('Dépôt refusé');
    expect(screen.getByTestId('copy-field-status').textContent).toBe(t('requestPortalCopied', [t('requestPortalField_title_services')]));
    vi.unstubAllGlobals();
  });

  test('when the browser refuses the clipboard, the value is selected for the user to copy, and the sidebar says so', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText: () => Promise.reject(new DOMException('Document is not focused', 'NotAllowedError')) } });
    const { button } = renderNotFound();
    await fireEvent.click(button);
    expect(window.getSelection()?.toString()).toBe('Dépôt refusé');
    expect(screen.getByTestId('copy-field-status').textContent).toBe(t('requestPortalCopySelected', [t('requestPortalField_title_services')]));
    vi.unstubAllGlobals();
  });
});
