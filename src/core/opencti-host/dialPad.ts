// Placing a call from the panel or from a click-to-dial: the number is normalised for the PBX, the
// record it came from is kept to link the call to, and the number joins the agent's recent ones.
import { MAX_RECENT_NUMBERS, type AgentStorage } from '../telephony/storage/agentStorage';
import type { ClickToDialPayload } from './opencti/openCtiClient';
import type { SoftphoneSettings } from '../telephony/settings/schema';
import type { SuiteClient } from '../suite/types';
import { normaliseDialString } from '../telephony/dialNumber';
import { errorText } from './panel/intents';
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
    changed(): void;
}

export class DialPad {
    /** The numbers the agent dialled last, newest first (shared by the agent's tabs). */
    recent: string[] = [];

    private readonly storage: AgentStorage;
    private readonly links: RecordLinks;
    private readonly context: DialPadContext;

    constructor(storage: AgentStorage, links: RecordLinks, context: DialPadContext) {
        this.storage = storage;
        this.links = links;
        this.context = context;
    }

    load(): void {
        this.recent = this.storage.recentNumbers().read() ?? [];
    }

    async dial(input: string, record?: LinkedRecord): Promise<void> {
        const { context } = this;
        const suite = context.suite();
        const settings = context.settings();
        if (!context.ready() || !suite || !settings) {
            context.notify('dialFailed', { detail: 'not connected' });
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
            context.notify('dialFailed', { detail: errorText(error) });
            return;
        }
        this.remember(input.trim());
        context.changed();
    }

    private remember(number: string): void {
        if (!number) return;
        this.recent = [number, ...this.recent.filter((recent) => recent !== number)].slice(
            0,
            MAX_RECENT_NUMBERS
        );
        this.storage.recentNumbers().write(this.recent);
    }
}
