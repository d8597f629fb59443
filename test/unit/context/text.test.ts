import { describe, expect, it, vi } from 'vitest';
import { capLength, columnCells, foldWhitespace, labelledValues, labelPattern, READ_TABLE_ROWS, visibleText } from '../../../src/context/text';

describe('foldWhitespace', () => {
  it('folds runs of whitespace, non-breaking spaces included, and trims', () => {
    expect(foldWhitespace('  Erreur :\n\t le\u00a0SIRET  ')).toBe('Erreur : le SIRET');
    expect(foldWhitespace('')).toBe('');
  });
});

describe('capLength', () => {
  it('keeps short texts as they are', () => {
    expect(capLength('abc', 3)).toBe('abc');
  });

  it('cuts long texts to max characters, ending with an ellipsis', () => {
    const capped = capLength('a'.repeat(600), 500);
    expect(capped).toHaveLength(500);
    expect(capped.endsWith('…')).toBe(true);
    expect(capLength('Erreur de dépôt', 8)).toBe('Erreur…');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(capLength('ab😀cd', 4)).toBe('ab…');
  });
});

describe('visibleText', () => {
  it('reads the text as shown, skipping hidden parts and code', () => {
    document.body.innerHTML = `
      <div id="message"><p>Erreur :</p><p>dépôt <strong>impossible</strong>.</p>
        <span hidden>caché</span><span style="display:none">masqué</span><span aria-hidden="true">×</span>
        <span style="visibility:hidden">invisible<b style="visibility:visible">visible</b></span>
        <script>var x = 1;</script><style>p {}</style><template>modèle</template>
        <select><option>Choix</option></select><textarea>saisie</textarea>
      </div>`;
    expect(visibleText(document.getElementById('message') as Element)).toBe('Erreur : dépôt impossible. visible');
  });

  it('returns markup written as text literally', () => {
    document.body.innerHTML = '<p id="p">Valeur &lt;img src=x onerror=alert(1)&gt;</p>';
    expect(visibleText(document.getElementById('p') as Element)).toBe('Valeur <img src=x onerror=alert(1)>');
  });

  it('uses innerText where the engine lays the page out', () => {
    document.body.innerHTML = '<p id="p">texte</p>';
    const p = document.getElementById('p') as HTMLElement;
    vi.spyOn(document.documentElement, 'getBoundingClientRect').mockReturnValue({ width: 1024 } as DOMRect);
    Object.defineProperty(p, 'innerText', { value: '  rendu\npar le moteur ' });
    expect(visibleText(p)).toBe('rendu par le moteur');
  });
});

describe('labelledValues', () => {
  const label = labelPattern(['Identifiant de connexion']);

  it('reads the value in the label text or in the next visible text', () => {
    document.body.innerHTML = `
      <p>Identifiant de connexion : jdupont</p>
      <dl><dt>Identifiant de connexion <span>*</span> :</dt><dd hidden>caché</dd><dd>mdurand</dd></dl>`;
    expect(labelledValues(document.body, label).map(({ value, inline }) => [value, inline])).toEqual([
      ['jdupont', true],
      ['mdurand', false],
    ]);
  });

  it('reads the first READ_TABLE_ROWS rows of a long table only', () => {
    const rows = Array.from({ length: READ_TABLE_ROWS + 5 }, (_, i) => `<tr><td>Identifiant de connexion : u${i}</td></tr>`).join('');
    document.body.innerHTML = `<table><tbody>${rows}</tbody></table><p>Identifiant de connexion : après</p>`;
    const values = labelledValues(document.body, label).map(({ value }) => value);
    expect(values).toHaveLength(READ_TABLE_ROWS + 1);
    expect(values.at(-2)).toBe(`u${READ_TABLE_ROWS - 1}`);
    expect(values.at(-1)).toBe('après');
  });

  it('reads the first READ_TABLE_ROWS rows of each table part, whatever sits between the rows', () => {
    const rows = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => `<tr><td>Identifiant de connexion : ${prefix}${i}</td></tr>${i % 7 === 0 ? '<script></script>' : ''}`).join('');
    document.body.innerHTML = `<table><tbody>${rows('a', READ_TABLE_ROWS + 3)}</tbody><tbody>${rows('b', READ_TABLE_ROWS + 3)}</tbody></table>`;
    const values = labelledValues(document.body, label).map(({ value }) => value);
    expect(values).toEqual([...Array.from({ length: READ_TABLE_ROWS }, (_, i) => `a${i}`), ...Array.from({ length: READ_TABLE_ROWS }, (_, i) => `b${i}`)]);
  });

  it('reads a value in the next rows when the label ends a row', () => {
    const rows = Array.from({ length: READ_TABLE_ROWS + 3 }, (_, i) => `<tr><td>${i === READ_TABLE_ROWS - 2 ? 'Identifiant de connexion' : ''}</td></tr>`).join('');
    document.body.innerHTML = `<table><tbody>${rows}<tr><td>trop loin</td></tr></tbody></table><p>après</p>`;
    // The walk after the label starts among the rows: it still stops at the part's limit.
    expect(labelledValues(document.body, label).map(({ value }) => value)).toEqual(['après']);
  });

  it('matches whole labels only, in any case', () => {
    document.body.innerHTML = '<p>Identifiant de connexionXYZ abc</p><p>IDENTIFIANT DE CONNEXION: a1</p>';
    expect(labelledValues(document.body, label).map(({ value }) => value)).toEqual(['a1']);
  });

  it('never reads what users typed', () => {
    document.body.innerHTML = `
      <label for="login">Identifiant de connexion</label><input id="login" value="tapé">
      <span>Identifiant de connexion</span><input id="autre" value="tapé aussi"><span>Mot de passe</span>
      <label for="lu">Identifiant de connexion</label><input id="lu" value="  lu  ">`;
    expect(labelledValues(document.body, label)).toEqual([]);
  });

  it('escapes labels as plain text', () => {
    expect(labelPattern(['N° (client)']).test('N° (client) : 4')).toBe(true);
    expect(labelPattern(['a.b']).test('axb')).toBe(false);
  });
});

describe('columnCells', () => {
  it('reads the first READ_TABLE_ROWS body rows of each part under a matching header', () => {
    const body = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `<tr><td>x</td><td>${prefix}${i}</td></tr>`).join('');
    document.body.innerHTML = `<table><thead><tr><th>Date</th><th>N° de facture</th></tr></thead><tbody>${body('F-', READ_TABLE_ROWS + 2)}</tbody><tbody>${body('G-', 2)}</tbody></table>`;
    const cells = columnCells(document, /^n° de facture$/i).map(({ cell }) => cell.textContent);
    expect(cells).toEqual([...Array.from({ length: READ_TABLE_ROWS }, (_, i) => `F-${i}`), 'G-0', 'G-1']);
  });
});
