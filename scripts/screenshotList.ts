// The screenshots `npm run screenshots` writes to docs/screenshots/, each from a fixture state of the
// panel (force-app/main/default/lwc/softphone/__tests__/fixtures/states.json), at the utility item's
// 320×480. The README shows them; a tools test keeps this list, the fixtures and the README in step.

export interface Screenshot {
    /** The fixture state drawn. */
    state: string;
    /** docs/screenshots/<file>.png */
    file: string;
    /** What the agent does first, by the accessible name of a button (opening the Recent list). */
    press?: string;
}

export const SCREENSHOTS: readonly Screenshot[] = [
    { state: 'ready', file: 'ready' },
    { state: 'ringingInbound', file: 'ringing-inbound' },
    { state: 'connectedSingleMatch', file: 'connected-single-match' },
    { state: 'connectedMultipleCandidates', file: 'choose-record' },
    { state: 'held', file: 'held' },
    { state: 'consulting', file: 'consult-transfer' },
    { state: 'wrapUp', file: 'wrap-up' },
    { state: 'callBusy', file: 'call-busy' },
    { state: 'withHistory', file: 'recent-calls', press: 'Recent Calls' },
    { state: 'dialPadEcho', file: 'dial-pad' },
    { state: 'reconnectingOnCall', file: 'reconnecting' },
    { state: 'suiteUnreachable', file: 'error-suite-unreachable' },
    { state: 'localNetworkRefused', file: 'error-local-network' },
    { state: 'settingNotHost', file: 'error-setting' },
    { state: 'selfCheckFailed', file: 'self-check' },
    { state: 'selfCheckLocalNetwork', file: 'self-check-local-network' }
];

/** Written from the live workbench rather than a fixture: the phone window with a call answered. */
export const LIVE_SCREENSHOTS: readonly string[] = ['phone-window'];

/** The size of the Phone utility item the admin guide prescribes. */
export const PANEL_SIZE = { width: 320, height: 480 };
