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
import { agentHandled, callOutcome } from './callTask';
import type { CallLogging } from './callLogging';
import type { CallLink, RecordLinks } from '../records/recordLinks';
import { WrapUps, type WrapUpView } from './wrapUp';
import type { SearchMatch } from '../opencti/searchResult';
import { presentNumber } from '../../telephony/numberPresenter';

/** How long a call that ended unanswered (busy, no answer, rejected, failed) stays on screen saying so. */
export const OUTCOME_SHOWN_MS = 6000;

/** A call placed here that ended unanswered, shown for a moment with what happened to it. */
export interface OutcomeView {
    entry: BookedCall;
    link: CallLink;
    outcome: SoftphoneCallOutcome;
}

export interface AfterCallOptions {
    storage: AgentStorage;
    links: RecordLinks;
    logging: CallLogging;
    /** Places a call back to a Recent entry's number, linked to its record. */
    dial(number: string, record?: LinkedRecord): Promise<void>;
    opencti: Pick<OpenCtiClient, 'openRecord'>;
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

/** Numbers read as they came when the settings are not known yet. */
const NO_DIALING_RULES = {
    outsidePrefix: '',
    longDistancePrefix: '',
    internationalPrefix: '',
    siteCountryCode: '',
    siteNationalPrefix: ''
};

export class AfterCall {
    readonly wrapUps: WrapUps;
    readonly history: CallHistory;
    private readonly options: AfterCallOptions;
    private readonly outcomes = new Map<string, OutcomeView & { timer: ReturnType<typeof setTimeout> }>();

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
            history: this.history.view(
                (callId) => this.options.logging.savedTaskId(callId),
                this.options.settings() ?? NO_DIALING_RULES
            )
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
        const outcome = callOutcome(record);
        if (seenLive && !entry.incoming && outcome) this.showOutcome({ entry, link, outcome });
        this.refresh();
    }

    /** The card of a call that ended unanswered stays a moment, saying what happened. */
    private showOutcome(view: OutcomeView): void {
        const callId = view.entry.call.callId;
        clearTimeout(this.outcomes.get(callId)?.timer);
        const timer = setTimeout(() => {
            this.outcomes.delete(callId);
            this.options.changed();
        }, OUTCOME_SHOWN_MS);
        this.outcomes.set(callId, { ...view, timer });
    }

    outcomeViews(): OutcomeView[] {
        return [...this.outcomes.values()];
    }

    /** Find Caller in wrap-up: Salesforce searches the call's number and pops what it finds. */
    async findCaller(callId: string): Promise<void> {
        const call = this.wrapUps.callOf(callId);
        if (!call || !this.options.opensRecords) return;
        this.wrapUps.searching(callId);
        try {
            const matches = await this.options.search(call.call.remote.number, call.call.direction);
            this.wrapUps.found(callId, matches);
        } catch (error) {
            this.options.diagnostics.record('opencti.searchAndScreenPop', error);
            this.wrapUps.searchFailed(callId);
            this.options.notify('salesforceRequestFailed', {});
        }
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

    /**
     * Calls a Recent entry back. A call placed here holds the dial string the PBX reported (the outside
     * prefix in front): the number as the agent reads it is dialled, so no prefix is added twice.
     */
    async callBack(callId: string): Promise<void> {
        const entry = this.history.find(callId);
        const settings = this.options.settings();
        if (!entry || !settings) return;
        const number = presentNumber(entry.number, settings, entry.direction !== 'inbound');
        await this.options.dial(number.text, entry.record);
    }

    async open(recordId: string): Promise<void> {
        if (!this.options.opensRecords) return;
        try {
            await this.options.opencti.openRecord(recordId);
        } catch (error) {
            this.options.diagnostics.record('opencti.screenPop', error);
            this.options.notify('salesforceRequestFailed', {});
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
        for (const { timer } of this.outcomes.values()) clearTimeout(timer);
        this.outcomes.clear();
    }
}
