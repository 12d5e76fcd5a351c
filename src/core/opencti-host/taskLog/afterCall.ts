// What happens around a call's end in the Open CTI host: the wrap-up that follows it, the Recent
// list it joins, and the agent's choice of record among the search's matches (during the call, or
// in wrap-up). The controller hands it each ended call and the intents of the agent's day.
import type { AgentStorage } from '../../telephony/storage/agentStorage';
import type { OpenCtiClient } from '../opencti/openCtiClient';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { BookedCall } from '../../suite/types';
import type { LinkedRecord } from '../opencti/searchResult';
import type { Diagnostics } from '../../telephony/diagnostics';
import { CallHistory, historyEntryOf } from './callHistory';
import { agentHandled } from './callTask';
import type { CallLogging } from './callLogging';
import type { CallLink, RecordLinks } from '../records/recordLinks';
import { WrapUps, type WrapUpView } from './wrapUp';

export interface AfterCallOptions {
    storage: AgentStorage;
    links: RecordLinks;
    logging: CallLogging;
    /** Places a call back to a Recent entry's number, linked to its record. */
    dial(number: string, record?: LinkedRecord): Promise<void>;
    opencti: Pick<OpenCtiClient, 'openRecord'>;
    diagnostics: Diagnostics;
    now: () => number;
    /** The phone window opens no record: the Lightning tabs do. */
    opensRecords: boolean;
    settings(): SoftphoneSettings | undefined;
    notify(code: SoftphoneMessageCode, params?: Record<string, string>): void;
    changed(): void;
}

export class AfterCall {
    readonly wrapUps: WrapUps;
    readonly history: CallHistory;
    private readonly options: AfterCallOptions;

    constructor(options: AfterCallOptions) {
        this.options = options;
        this.history = new CallHistory(options.storage, options.now);
        this.wrapUps = new WrapUps(options.storage, options.now, {
            amend: (callId, changes) => options.logging.amend(callId, changes),
            closed: (callId, outcome) => {
                if (outcome) this.history.settle(callId, outcome);
                options.links.forget(callId);
                // Done in another tab: its update is in the shared queue, for the tab that saves.
                void options.logging.drain();
            },
            closesOnDeadline: () => options.logging.leads,
            changed: () => this.changed()
        });
        this.shown = this.read();
    }

    /** What the panel shows, as last read (drawing the panel reads no storage). */
    private shown: { wrapUps: WrapUpView[]; history: SoftphoneHistory };

    /** Reads again what the panel shows: after a change here, or one the other tabs may have made. */
    refresh(): void {
        this.shown = this.read();
    }

    private changed(): void {
        this.refresh();
        this.options.changed();
    }

    private read(): { wrapUps: WrapUpView[]; history: SoftphoneHistory } {
        return {
            wrapUps: this.wrapUps.list(this.options.settings()?.callResults ?? []),
            history: this.history.view((callId) => this.options.logging.savedTaskId(callId))
        };
    }

    /** A call ended: its Task is queued, it joins Recent, and (if it was seen live here) wrap-up begins. */
    ended(entry: BookedCall, link: CallLink, seenLive: boolean): void {
        const { logging, links } = this.options;
        const settings = this.options.settings();
        const record = { ...entry, linked: link.linked, notes: link.notes };
        const task = logging.log(record, settings, seenLive);
        if (agentHandled(record)) this.history.add(historyEntryOf(record));
        // Wrap-up follows a conversation: not a call missed, unanswered, busy or transferred away.
        const talked = task?.CallDisposition === 'answered';
        const wrapping = seenLive && talked && settings && this.wrapUps.begin(entry, link, task, settings);
        if (!wrapping) links.forget(entry.call.callId);
        this.refresh();
    }

    setNotes(callId: string, text: string): void {
        this.wrapUps.setNotes(callId, text);
    }

    /** The agent chose a record: during the call it is popped and linked; in wrap-up the Task will be. */
    async pick(callId: string, recordId: string): Promise<void> {
        if (this.wrapUps.has(callId)) {
            this.wrapUps.pick(callId, recordId);
            return;
        }
        if (!this.options.links.pick(callId, recordId)) return;
        this.changed();
        await this.open(recordId);
    }

    async callBack(callId: string): Promise<void> {
        const entry = this.history.find(callId);
        if (entry) await this.options.dial(entry.number, entry.record);
    }

    async open(recordId: string): Promise<void> {
        if (!this.options.opensRecords) return;
        try {
            await this.options.opencti.openRecord(recordId);
        } catch (error) {
            this.options.diagnostics.record('opencti.screenPop', error);
            this.options.notify('commandFailed', {
                detail: error instanceof Error ? error.message : String(error)
            });
        }
    }

    historySeen(): void {
        this.history.seen();
        this.changed();
    }

    wrapUpViews(): WrapUpView[] {
        return this.shown.wrapUps;
    }

    historyView(): SoftphoneHistory {
        return this.shown.history;
    }

    stop(): void {
        this.wrapUps.stop();
    }
}
