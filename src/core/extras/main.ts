// The browser entry of the SoftphoneExtras static resource: the first part of the core finds it here
// once the script has run (adapter/scriptPart.ts).
import { extras, type BrowserExtras } from './extras';

declare global {
    interface Window {
        MiVoiceSoftphoneExtras?: BrowserExtras;
    }
}

window.MiVoiceSoftphoneExtras = extras;
