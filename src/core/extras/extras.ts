// The second part of the softphone core, bundled into the SoftphoneExtras static resource: what the
// agent needs after a call or when something is wrong, never for start-up (the adapter page is Ready
// without it). The first part loads it after start-up, or at the first need: the setup check, the
// browser's answer about Local Network Access, what a refused Task save means, the wrap-up and Recent.
// It shares no class with the first part that either checks with instanceof.
import { checkLinks } from '../opencti-host/setupCheck/setupCheck';
import { describeSaveLogFailure } from '../opencti-host/taskLog/saveLogFailure';
import { AfterCallViews } from '../opencti-host/taskLog/afterCallViews';
import type { Extras } from '../opencti-host/hostSession';
import { browserLocalNetwork, localNetworkAccess } from '../suite/localNetworkAccess';

/** What the controller loads, and what the page asks when the Suite does not answer. */
export interface BrowserExtras extends Extras {
    localNetworkAccess: typeof localNetworkAccess;
    browserLocalNetwork: typeof browserLocalNetwork;
}

export const extras: BrowserExtras = {
    checkLinks,
    describeSaveLogFailure,
    AfterCallViews,
    localNetworkAccess,
    browserLocalNetwork
};
