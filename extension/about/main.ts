// The page a toolbar click opens outside the portal: what the extension is for and where it works.
import { localizePage } from '../shared/localize-page';

localizePage(document);
