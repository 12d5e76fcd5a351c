// Placing a call from the panel or from a click-to-dial: the number is normalised for the PBX and the
// record it came from is kept to link the call to; the dial pad's text reads back as it will be called.
import type { ClickToDialPayload } from './opencti/openCtiClient';
import type { SoftphoneSettings } from '../telephony/settings/schema';
import type { SuiteClient } from '../suite/types';
import { normaliseDialString } from '../telephony/dialNumber';
import { refusalNotice } from './panel/intents';
import { presentNumber } from '../telephony/numberPresenter';
import type { Diagnostics } from '../telephony/diagnostics';
import type { RecordLinks } from './records/recordLinks';
import { personAccountLink, type LinkedRecord } from './opencti/searchResult';

/** The number and the record of a click-to-dial (Open CTI's payload, which any page can shape). */
export function clickToDialRequest(payload: ClickToDialPayload): { number: string; record?: LinkedRecord } {
    const number = typeof payload.number === 'string' ? payload.number : '';
    const record =
        typeof payload.recordId === 'string' && payload.recordId
            ? {
                  recordId: payload.recordId,
                  name: String(payload.recordName ?? ''),
                  objectType: String(payload.objectType ?? ''),
                  ...personAccountLink(payload.recordId, payload)
              }
            : undefined;
    return { number, record };
}

export interface DialPadContext {
    suite(): SuiteClient | undefined;
    ready(): boolean;
    settings(): SoftphoneSettings | undefined;
    notify(code: SoftphoneMessageCode, params?: Record<string, string>): void;
    /** A call was placed from the dial pad (a notice about the number is no longer due). */
    placed(): void;
    changed(): void;
    diagnostics: Diagnostics;
}

export class DialPad {
    /** What the panel shows under the number field: how the text typed reads, and the dials placed. */
    view: SoftphoneDialPad = { input: '', placed: 0 };

    private readonly links: RecordLinks;
    private readonly context: DialPadContext;

    constructor(links: RecordLinks, context: DialPadContext) {
        this.links = links;
        this.context = context;
    }

    /** The text in the dial pad changed: how it reads, with the number presenter the call card uses. */
    input(text: string): void {
        const input = text.slice(0, 64);
        const settings = this.context.settings();
        const dialable = settings ? normaliseDialString(input, settings).ok : false;
        const echo = settings && dialable ? presentNumber(input, settings) : undefined;
        this.view = { input, placed: this.view.placed, ...(echo ? { echo } : {}) };
    }

    /** Places a call; `fromPad`: typed in the panel (the field is cleared once the call is placed). */
    async dial(input: string, record?: LinkedRecord, fromPad = false): Promise<void> {
        const { context } = this;
        const suite = context.suite();
        const settings = context.settings();
        if (!context.ready() || !suite || !settings) {
            context.notify('notConnected');
            return;
        }
        const result = normaliseDialString(input, settings);
        if (!result.ok) {
            context.notify(result.reason, { number: input.slice(0, 64) });
            return;
        }
        this.links.expectDial(record);
        try {
            await suite.makeCall(result.dial);
        } catch (error) {
            this.links.dialFailed();
            context.diagnostics.record('command.dial', error);
            const notice = refusalNotice(error, 'dialFailed');
            context.notify(notice.code, notice.params);
            return;
        }
        if (fromPad) this.view = { input: '', placed: this.view.placed + 1 };
        context.placed();
        context.changed();
    }
}
