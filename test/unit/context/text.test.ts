import { describe, expect, it, vi } from 'vitest';
import { capLength, foldWhitespace, labelledValues, labelPattern, READ_TABLE_ROWS, visibleText } from '../../../src/context/text';

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
