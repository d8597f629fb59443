import { describe, expect, it } from 'vitest';
import { findReferences } from '../../../src/context/references';

const page = (body: string) => new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');

describe('findReferences', () => {
  it('reads engagement numbers and service codes after their labels, in page order', () => {
    const doc = page(`
      <dl>
        <dt>Code service</dt><dd>SE-ACHATS-75</dd>
        <dt>N° d'engagement</dt><dd>EJ-2026-000123</dd>
      </dl>
      <p>Numéro d’engagement juridique : 1300012345 (validé)</p>`);
    expect(findReferences(doc)).toEqual([
      { kind: 'serviceCode', value: 'SE-ACHATS-75', label: 'Code service' },
      { kind: 'engagementNumber', value: 'EJ-2026-000123', label: "N° d'engagement" },
      { kind: 'engagementNumber', value: '1300012345', label: 'Numéro d’engagement juridique' },
    ]);
  });

  it('reads a table column by its header, each value once', () => {
    const doc = page(`
      <table>
        <thead><tr><th>N° de facture</th><th>Bon de commande</th><th>Code du service exécutant</th></tr></thead>
        <tbody>
          <tr><td>F-1</td><td>BC-77</td><td>SRV1</td></tr>
          <tr><td>F-2</td><td>BC-77</td><td>SRV2</td></tr>
        </tbody>
      </table>`);
    expect(findReferences(doc)).toEqual([
      { kind: 'engagementNumber', value: 'BC-77', label: 'Bon de commande' },
      { kind: 'serviceCode', value: 'SRV1', label: 'Code du service exécutant' },
      { kind: 'serviceCode', value: 'SRV2', label: 'Code du service exécutant' },
    ]);
  });

  it('in English too', () => {
    expect(findReferences(page('<p>Commitment number: PO-991</p><p>Service code: FIN01</p>'))).toEqual([
      { kind: 'engagementNumber', value: 'PO-991', label: 'Commitment number' },
      { kind: 'serviceCode', value: 'FIN01', label: 'Service code' },
    ]);
  });

  it('never reads what the user typed, hidden text, or prose and placeholders', () => {
    const doc = page(`
      <label for="ej">N° d'engagement</label><input id="ej" value="TYPED-1">
      <div hidden><p>Code service : HIDDEN-1</p></div>
      <p>Code service : —</p>
      <dl><dt>Numéro d'engagement</dt><dd>Non renseigné pour cette facture</dd></dl>
      <p>Le service exécutant est obligatoire pour ce destinataire.</p>`);
    expect(findReferences(doc)).toEqual([]);
  });
});
