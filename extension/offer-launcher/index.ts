// Injected by the background into a portal tab's content-script world only when the page shows
// an error and the offer is wanted there (scripting.executeScript({ files })), then told to show
// the in-page "Besoin d'aide ?" beside the first error (src/offer/offer-button.ts) with the
// words the background looked up (src/offer/offer-texts.ts). Told again when another error
// appears; globalThis.chorusProOffer.withdraw() removes it.
import { pathListsOf, profileFor } from '../../src/context/profiles/index';
import { showOfferButton, type OfferButton } from '../../src/offer/offer-button';
import { isOfferTexts } from '../../src/offer/offer-texts';
import type { BackgroundMessage } from '../../src/protocol/background';
import { errorFinder } from '../../src/trail/recorder';
import { extensionApi as browser } from '../shared/native-runtime';
import type { WithOfferLauncher } from '../shared/content-global';

const launcherGlobal = globalThis as WithOfferLauncher;

if (!launcherGlobal.chorusProOffer && window === window.top) {
  let shown: OfferButton | undefined;
  // The offer must never disturb the page: a failed send only loses that press.
  const toBackground = (message: BackgroundMessage) => void browser.runtime.sendMessage(message).catch(() => undefined);
  const withdraw = () => {
    shown?.remove();
    shown = undefined;
  };
  const findErrors = errorFinder(pathListsOf(profileFor(location.href)));
  launcherGlobal.chorusProOffer = {
    refresh(texts) {
      if (!isOfferTexts(texts)) return;
      const [first] = findErrors(document);
      if (shown && shown.error === first?.el) return;
      withdraw();
      if (!first) return;
      shown = showOfferButton(document, first, texts, {
        open: (error) => toBackground({ type: 'offer/open', error }),
        dismiss(scope) {
          shown = undefined;
          toBackground({ type: 'offer/dismiss', scope });
        },
      });
    },
    withdraw,
  };
}
