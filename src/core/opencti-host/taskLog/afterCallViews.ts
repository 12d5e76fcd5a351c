// The wrap-up and Recent: what follows a call the agent had, in the second part of the core (the
// SoftphoneExtras static resource). AfterCall (the first part) logs the Task of an ended call at once
// and hands the call here as soon as this part is loaded.
import type { AgentStorage } from '../../telephony/storage/agentStorage';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { BookedCall } from '../../suite/types';
import type { Diagnostics } from '../../telephony/diagnostics';
import type { LinkedRecord, SearchMatch } from '../opencti/searchResult';
import type { CallLink, RecordLinks } from '../records/recordLinks';
import { CallHistory, historyEntryOf } from './callHistory';
import { agentHandled, type CallRecord } from './callTask';
import type { CallLogging } from './callLogging';
import type { TaskFields } from './taskFields';
import { WrapUps, type WrapUpView } from './wrapUp';
import { presentNumber } from '../../telephony/numberPresenter';

export interface AfterCallViewOptions {
    storage: AgentStorage;
    links: RecordLinks;
    logging: CallLogging;
    /** Places a call back to a Recent entry's number, linked to its record. */
    dial(number: string, record?: LinkedRecord): Promise<void>;
    /** Searches Salesforce for a number and pops what it finds (Find Caller in wrap-up). */
    search(number: string, direction: SoftphoneCallDirection): Promise<SearchMatch[]>;
    diagnostics: Diagnostics;
    now: () => number;
    /** The phone window opens no record: the Lightning tabs do. */
    opensRecords: boolean;
    settings(): SoftphoneSettings | undefined;
    notify(code: SoftphoneMessageCode, params?: Record<string, string>): void;
    changed(): void;
}

/** A call that ended: what the wrap-up and Recent need of it. */
export interface EndedCall {
    entry: BookedCall;
    link: CallLink;
    record: CallRecord;
    task: TaskFields | undefined;
    seenLive: boolean;
}

/** Numbers read as they came when the settings are not known yet. */
const NO_DIALING_RULES = {
    outsidePrefix: '',
    longDistancePrefix: '',
    internationalPrefix: '',
    siteCountryCode: '',
    siteNationalPrefix: ''
};

export class AfterCallViews {
    readonly #options: AfterCallViewOptions;
    readonly #wrapUps: WrapUps;
    readonly #history: CallHistory;
    /** What the panel shows, as last read (drawing the panel reads no storage). */
    #shown: { wrapUps: WrapUpView[]; history: SoftphoneHistory };

    constructor(options: AfterCallViewOptions) {
        this.#options = options;
        const { storage, now, logging, links } = options;
        this.#history = new CallHistory(storage, now);
        this.#wrapUps = new WrapUps(storage, now, {
            amend: (callId, changes) => logging.amend(callId, changes),
            closed: (callId, outcome) => {
                if (outcome) this.#history.settle(callId, outcome);
                links.forget(callId);
                // Done in another tab: its update is in the shared queue, for the tab that saves.
                void logging.drain();
            },
            closesOnDeadline: () => logging.leads,
            changed: () => this.#changed()
        });
        this.#shown = this.#read();
    }

    /** Reads again what the panel shows: after a change here, or one the other tabs may have made. */
    refresh(): void {
        this.#shown = this.#read();
    }

    #changed(): void {
        this.refresh();
        this.#options.changed();
    }

    #read(): { wrapUps: WrapUpView[]; history: SoftphoneHistory } {
        return {
            wrapUps: this.#wrapUps.list(this.#options.settings()?.callResults ?? []),
            history: this.#history.view(
                (callId) => this.#options.logging.savedTaskId(callId),
                this.#options.settings() ?? NO_DIALING_RULES
            )
        };
    }

    /** A call ended (its Task is queued): it joins Recent, and if it was seen live here, wrap-up begins. */
    follow({ entry, link, record, task, seenLive }: EndedCall): void {
        const settings = this.#options.settings();
        if (agentHandled(record)) this.#history.add(historyEntryOf(record));
        // Wrap-up follows a conversation: not a call missed, unanswered, busy or transferred away.
        const talked = task?.CallDisposition === 'answered';
        const wrapping = seenLive && talked && settings && this.#wrapUps.begin(entry, link, task, settings);
        if (!wrapping) this.#options.links.forget(entry.call.callId);
    }

    /** Whether the call is in wrap-up here. */
    inWrapUp(callId: string): boolean {
        return this.#wrapUps.has(callId);
    }

    wrapUpChange(callId: string, field: 'subject' | 'result', value: string): void {
        this.#wrapUps.change(callId, field, value);
    }

    wrapUpDone(callId: string, changes?: SoftphoneWrapUpChanges): void {
        this.#wrapUps.done(callId, changes);
    }

    setNotes(callId: string, text: string): void {
        this.#wrapUps.setNotes(callId, text);
    }

    /** The agent chose a record in wrap-up: the Task will be linked to it. */
    pick(callId: string, recordId: string): void {
        this.#wrapUps.pick(callId, recordId);
    }

    /** Find Caller in wrap-up: Salesforce searches the call's number and pops what it finds. */
    async findCaller(callId: string): Promise<void> {
        const call = this.#wrapUps.callOf(callId);
        if (!call || !this.#options.opensRecords) return;
        this.#wrapUps.searching(callId);
        try {
            const matches = await this.#options.search(call.call.remote.number, call.call.direction);
            this.#wrapUps.found(callId, matches);
        } catch (error) {
            this.#options.diagnostics.record('opencti.searchAndScreenPop', error);
            this.#wrapUps.searchFailed(callId);
            this.#options.notify('salesforceRequestFailed', {});
        }
    }

    /**
     * Calls a Recent entry back. A call placed here holds the dial string the PBX reported (the outside
     * prefix in front): the number as the agent reads it is dialled, so no prefix is added twice.
     */
    async callBack(callId: string): Promise<void> {
        const entry = this.#history.find(callId);
        const settings = this.#options.settings();
        if (!entry || !settings) return;
        const number = presentNumber(entry.number, settings, entry.direction !== 'inbound');
        await this.#options.dial(number.text, entry.record);
    }

    historySeen(): void {
        this.#history.seen();
        this.#changed();
    }

    wrapUpViews(): WrapUpView[] {
        return this.#shown.wrapUps;
    }

    historyView(): SoftphoneHistory {
        return this.#shown.history;
    }

    stop(): void {
        this.#wrapUps.stop();
    }
}
