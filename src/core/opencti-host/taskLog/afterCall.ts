// What happens around a call's end in the Open CTI host: its Task is queued at once, a call placed
// here that was not answered says so for a moment, and the agent's choice of record among the
// search's matches is taken (during the call, or in wrap-up). The wrap-up and Recent that follow are
// the second part of the core (AfterCallViews, in the SoftphoneExtras static resource), loaded after
// start-up without holding it up: a call that ends before they are here joins them when they arrive.
import type { OpenCtiClient } from '../opencti/openCtiClient';
import type { BookedCall } from '../../suite/types';
import { callOutcome } from './callTask';
import type { CallLink } from '../records/recordLinks';
import type { WrapUpView } from './wrapUp';
import type { AfterCallViewOptions, AfterCallViews, EndedCall } from './afterCallViews';

/** How long a call that ended unanswered (busy, no answer, rejected, failed) stays on screen saying so. */
export const OUTCOME_SHOWN_MS = 6000;
/** Calls that ended before the wrap-up and Recent arrived, kept for them; more would be a page that never got them. */
const MAX_WAITING = 50;

/** A call placed here that ended unanswered, shown for a moment with what happened to it. */
export interface OutcomeView {
    entry: BookedCall;
    link: CallLink;
    outcome: SoftphoneCallOutcome;
}

/** The wrap-up and Recent, from the second part of the core. */
export interface AfterCallParts {
    AfterCallViews: typeof AfterCallViews;
}

export interface AfterCallOptions extends AfterCallViewOptions {
    /** Loads the wrap-up and Recent (the second part of the core). */
    parts(): Promise<AfterCallParts>;
    opencti: Pick<OpenCtiClient, 'openRecord'>;
}

export class AfterCall {
    /** The wrap-up and Recent; undefined until the second part of the core is here. */
    views: AfterCallViews | undefined;
    readonly #options: AfterCallOptions;
    readonly #outcomes = new Map<string, OutcomeView & { timer: ReturnType<typeof setTimeout> }>();
    #loading: Promise<void> | undefined;
    readonly #waiting: EndedCall[] = [];
    #stopped = false;

    constructor(options: AfterCallOptions) {
        this.#options = options;
        void this.#load();
    }

    /** Loads the wrap-up and Recent once; a load that failed is tried again when the next call ends. */
    #load(): Promise<void> {
        this.#loading ??= this.#options.parts().then(
            (parts) => {
                if (this.#stopped) return;
                const views = new parts.AfterCallViews(this.#options);
                for (const ended of this.#waiting.splice(0)) views.follow(ended);
                this.views = views;
                views.refresh();
                this.#options.changed();
            },
            () => {
                // The loader recorded why and told the agent; the next call that ends tries again.
                this.#loading = undefined;
            }
        );
        return this.#loading;
    }

    /** Reads again what the panel shows: after a change here, or one the other tabs may have made. */
    refresh(): void {
        this.views?.refresh();
    }

    /** A call ended: its Task is queued at once; Recent and wrap-up take it as soon as they are here. */
    ended(entry: BookedCall, link: CallLink, seenLive: boolean): void {
        const record = { ...entry, linked: link.linked, notes: link.notes };
        const task = this.#options.logging.log(record, this.#options.settings(), seenLive);
        const outcome = callOutcome(record);
        if (seenLive && !entry.incoming && outcome) this.#showOutcome({ entry, link, outcome });
        const ended = { entry, link, record, task, seenLive };
        if (this.views) this.views.follow(ended);
        else {
            if (this.#waiting.length < MAX_WAITING) this.#waiting.push(ended);
            void this.#load();
        }
        this.refresh();
    }

    /** The card of a call that ended unanswered stays a moment, saying what happened. */
    #showOutcome(view: OutcomeView): void {
        const callId = view.entry.call.callId;
        clearTimeout(this.#outcomes.get(callId)?.timer);
        const timer = setTimeout(() => {
            this.#outcomes.delete(callId);
            this.#options.changed();
        }, OUTCOME_SHOWN_MS);
        this.#outcomes.set(callId, { ...view, timer });
    }

    outcomeViews(): OutcomeView[] {
        return [...this.#outcomes.values()];
    }

    /** The agent chose a record: during the call it is popped and linked; in wrap-up the Task will be. */
    async pick(callId: string, recordId: string): Promise<void> {
        if (this.views?.inWrapUp(callId)) {
            this.views.pick(callId, recordId);
            return;
        }
        if (!this.#options.links.pick(callId, recordId)) return;
        this.refresh();
        this.#options.changed();
        await this.open(recordId);
    }

    async open(recordId: string): Promise<void> {
        if (!this.#options.opensRecords) return;
        try {
            await this.#options.opencti.openRecord(recordId);
        } catch (error) {
            this.#options.diagnostics.record('opencti.screenPop', error);
            this.#options.notify('salesforceRequestFailed', {});
        }
    }

    wrapUpViews(): WrapUpView[] {
        return this.views?.wrapUpViews() ?? [];
    }

    historyView(): SoftphoneHistory | undefined {
        return this.views?.historyView();
    }

    stop(): void {
        this.#stopped = true;
        this.views?.stop();
        for (const { timer } of this.#outcomes.values()) clearTimeout(timer);
        this.#outcomes.clear();
    }
}
