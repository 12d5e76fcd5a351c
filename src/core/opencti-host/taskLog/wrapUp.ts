// After-call work. The Task is saved the moment a call ends; the card then stays as "Wrap-up", where
// the agent edits the subject, the call result, the notes and the linked record. Done (or the
// auto-close deadline) sends what differs from the saved Task as one update of that Task by its Id.
// The draft lives in AgentStorage, so every tab shows the same one and an edit made in any tab is
// the one saved, whichever tab leads the Task saves.
import { jsonCodec, type AgentStorage, type Codec } from '../../telephony/storage/agentStorage';
import type { TaskFields } from './taskFields';
import type { SoftphoneSettings } from '../../telephony/settings/schema';
import type { BookedCall } from '../../suite/types';
import { displayText, record } from '../records/callAnnotation';
import type { LinkedRecord, SearchMatch } from '../opencti/searchResult';
import { whoWhat } from './callTask';
import type { CallLink } from '../records/recordLinks';

/** What the Task holds as saved when the call ended. */
export interface SavedTask {
    subject: string;
    /** The call's outcome as logged (answered, missed…): CallDisposition while no result is picked. */
    disposition: string;
    notes: string;
    linked?: LinkedRecord;
}

/** The wrap-up of one call as the agent's tabs share it. */
export interface WrapUpDraft {
    /** Last change (epoch ms). */
    at: number;
    subject: string;
    result: string;
    linked?: LinkedRecord;
    closesAt?: number;
    done: boolean;
    saved: SavedTask;
}

/** What the agent ends wrap-up with. */
export interface WrapUpOutcome {
    subject: string;
    result: string;
    notes: string;
    linked?: LinkedRecord;
}

const MAX_SUBJECT = 255;
const MAX_RESULT = 255;
const MAX_NOTES = 32_000;
const FUTURE_SLACK_MS = 60_000;
/** Done drafts are kept this long, so that a tab learning of the call late shows no wrap-up again. */
const KEEP_DONE_MS = 60 * 60 * 1000;
/** A wrap-up left open (its tabs closed) is dropped after a day; its Task was saved when the call ended. */
const KEEP_OPEN_MS = 24 * 60 * 60 * 1000;
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * What the Task update carries: only the fields whose value differs from the saved Task. The result
 * goes into CallDisposition (Salesforce's "Call Result"); with none picked it keeps the call's outcome.
 */
export function taskChanges(saved: SavedTask, outcome: WrapUpOutcome): TaskFields {
    const changes: TaskFields = {};
    const subject = outcome.subject.trim().slice(0, MAX_SUBJECT) || saved.subject;
    if (subject !== saved.subject) changes.Subject = subject;
    const notes = outcome.notes.slice(0, MAX_NOTES);
    if (notes !== saved.notes) changes.Description = notes;
    const disposition = outcome.result || saved.disposition;
    if (disposition !== saved.disposition) changes.CallDisposition = disposition;
    const before = whoWhat(saved.linked);
    const after = whoWhat(outcome.linked);
    if (after.WhoId !== before.WhoId) changes.WhoId = after.WhoId ?? '';
    if (after.WhatId !== before.WhatId) changes.WhatId = after.WhatId ?? '';
    return changes;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
const boundedText = (value: unknown, max: number): string | undefined =>
    typeof value === 'string' && value.length <= max && !CONTROL.test(value) ? value : undefined;

function decodeSaved(value: unknown): SavedTask | undefined {
    if (!isRecord(value)) return undefined;
    const subject = boundedText(value.subject, MAX_SUBJECT);
    const disposition = boundedText(value.disposition, MAX_RESULT);
    const notes =
        typeof value.notes === 'string' && value.notes.length <= MAX_NOTES ? value.notes : undefined;
    const linked = value.linked === undefined ? undefined : record(value.linked);
    if (subject === undefined || disposition === undefined || notes === undefined) return undefined;
    if (value.linked !== undefined && !linked) return undefined;
    return { subject, disposition, notes, linked };
}

function decodeDraft(raw: unknown, now: number): WrapUpDraft | undefined {
    if (!isRecord(raw)) return undefined;
    const { at, closesAt, done } = raw;
    if (typeof at !== 'number' || !Number.isFinite(at) || at > now + FUTURE_SLACK_MS) return undefined;
    if (closesAt !== undefined && (typeof closesAt !== 'number' || !Number.isFinite(closesAt)))
        return undefined;
    if (typeof done !== 'boolean') return undefined;
    const subject = typeof raw.subject === 'string' ? displayText(raw.subject) : undefined;
    const result = boundedText(raw.result, MAX_RESULT);
    const saved = decodeSaved(raw.saved);
    const linked = raw.linked === undefined ? undefined : record(raw.linked);
    if (subject === undefined || result === undefined || !saved) return undefined;
    if (raw.linked !== undefined && !linked) return undefined;
    return { at, subject, result, linked, closesAt, done, saved };
}

export const wrapUpCodec: Codec<WrapUpDraft> = jsonCodec(decodeDraft);

/** An ended call in wrap-up in this tab: what its card shows besides the draft. */
interface WrapUpCall {
    entry: BookedCall;
    link: CallLink;
}

export interface WrapUpHooks {
    /** The Task update of a call whose wrap-up ended with changes (one saveLog by Id). */
    amend(callId: string, changes: TaskFields): void;
    /** A call's wrap-up is over (here or in another tab): its Recent entry and shared state are final. */
    closed(callId: string, outcome: WrapUpOutcome | undefined): void;
    /** Whether this tab closes wrap-ups when their deadline passes (the tab that saves the Tasks). */
    closesOnDeadline(): boolean;
    changed(): void;
}

/** A call in wrap-up as the panel draws it. */
export interface WrapUpView {
    entry: BookedCall;
    link: CallLink;
    wrapUp: SoftphoneWrapUp;
}

export class WrapUps {
    readonly #calls = new Map<string, WrapUpCall>();
    readonly #drafts = new Map<string, WrapUpDraft>();
    /** The notes as the last tick read them (another tab may type them). */
    readonly #notesSeen = new Map<string, string | undefined>();
    readonly #storage: AgentStorage;
    readonly #now: () => number;
    readonly #hooks: WrapUpHooks;
    #timer: ReturnType<typeof setInterval> | undefined;
    /** How often the drafts are read again from the other tabs and the deadline checked. */
    static readonly TICK_MS = 500;

    constructor(storage: AgentStorage, now: () => number, hooks: WrapUpHooks) {
        this.#storage = storage;
        this.#now = now;
        this.#hooks = hooks;
    }

    /**
     * A call ended and its Task is queued with these fields: its wrap-up begins (the draft of the tab
     * that saw the end first is the one every tab shows). False when it is over already elsewhere.
     */
    begin(entry: BookedCall, link: CallLink, task: TaskFields, settings: SoftphoneSettings): boolean {
        const callId = entry.call.callId;
        const stored = this.#draft(callId).read();
        if (stored?.done) return false;
        const end = entry.call.endTime ?? this.#now();
        const draft = stored ?? {
            at: this.#now(),
            subject: String(task.Subject ?? ''),
            result: '',
            linked: link.linked,
            closesAt:
                settings.wrapUpAutoCloseSeconds > 0
                    ? end + settings.wrapUpAutoCloseSeconds * 1000
                    : undefined,
            done: false,
            saved: {
                subject: String(task.Subject ?? ''),
                disposition: String(task.CallDisposition ?? ''),
                notes: String(task.Description ?? ''),
                linked: link.linked
            }
        };
        if (!stored) {
            this.#forgetOldDrafts();
            this.#draft(callId).write(draft);
        }
        this.#calls.set(callId, { entry, link });
        this.#drafts.set(callId, draft);
        this.#timer ??= setInterval(() => this.tick(), WrapUps.TICK_MS);
        return true;
    }

    has(callId: string): boolean {
        return this.#calls.has(callId);
    }

    /** The ended call in wrap-up, as the Suite last reported it. */
    callOf(callId: string): BookedCall | undefined {
        return this.#calls.get(callId)?.entry;
    }

    /** Find Caller: the search is running. */
    searching(callId: string): void {
        const call = this.#calls.get(callId);
        if (!call) return;
        call.link = { ...call.link, match: { kind: 'pending' } };
        this.#hooks.changed();
    }

    /** What Find Caller found: the records to choose from; a single one is linked at once. */
    found(callId: string, matches: SearchMatch[]): void {
        const call = this.#calls.get(callId);
        if (!call) return;
        const kind = matches.length === 1 ? 'single' : matches.length > 1 ? 'multiple' : 'none';
        call.link = { ...call.link, candidates: matches, match: { kind } };
        if (matches.length === 1) this.pick(callId, matches[0].recordId);
        else this.#hooks.changed();
    }

    searchFailed(callId: string): void {
        const call = this.#calls.get(callId);
        if (!call) return;
        call.link = { ...call.link, match: { kind: 'notSearched' } };
        this.#hooks.changed();
    }

    /** The calls in wrap-up, in the order they ended, with the form's values. */
    list(resultChoices: string[]): WrapUpView[] {
        return [...this.#calls].flatMap(([callId, call]) => {
            const draft = this.#drafts.get(callId);
            if (!draft) return [];
            const { linked } = draft;
            const picked = linked && call.link.candidates.some((match) => match.recordId === linked.recordId);
            const searching = call.link.match.kind === 'pending';
            const link: CallLink = {
                ...call.link,
                linked,
                match:
                    linked && !searching
                        ? {
                              kind: 'single',
                              recordId: linked.recordId,
                              recordName: linked.name,
                              recordType: linked.objectType
                          }
                        : call.link.match,
                pickedId: picked && call.link.candidates.length > 1 ? linked.recordId : call.link.pickedId,
                notes: this.#storage.notes(callId).read() ?? draft.saved.notes
            };
            return [
                {
                    entry: call.entry,
                    link,
                    wrapUp: {
                        subject: draft.subject,
                        result: draft.result,
                        resultChoices,
                        linkedRecord: linked && {
                            recordId: linked.recordId,
                            name: linked.name,
                            objectType: linked.objectType,
                            ...(linked.personAccount ? { personAccount: true } : {})
                        },
                        closesAt: draft.closesAt
                    }
                }
            ];
        });
    }

    change(callId: string, field: 'subject' | 'result', value: string): void {
        if (field === 'subject') this.#update(callId, { subject: value.slice(0, MAX_SUBJECT) });
        else if (!CONTROL.test(value)) this.#update(callId, { result: value.slice(0, MAX_RESULT) });
    }

    /** The agent chose another of the call's records: the Task is linked to it when wrap-up ends. */
    pick(callId: string, recordId: string): boolean {
        const candidate = this.#calls
            .get(callId)
            ?.link.candidates.find((match) => match.recordId === recordId);
        if (!candidate) return false;
        const linked: LinkedRecord = { recordId, name: candidate.name, objectType: candidate.objectType };
        if (candidate.personAccount && candidate.personContactId)
            Object.assign(linked, { personAccount: true, personContactId: candidate.personContactId });
        this.#update(callId, { linked });
        return true;
    }

    setNotes(callId: string, text: string): void {
        if (!this.#calls.has(callId)) return;
        this.#storage.notes(callId).write(text);
        this.#hooks.changed();
    }

    /** Done: what differs from the saved Task is sent as one update; nothing when nothing differs. */
    done(callId: string, changes: SoftphoneWrapUpChanges = {}): void {
        const draft = this.#draft(callId).read();
        if (!this.#calls.has(callId)) return;
        if (!draft || draft.done) {
            this.#end(callId, undefined);
            return;
        }
        const outcome: WrapUpOutcome = {
            subject: typeof changes.subject === 'string' ? changes.subject : draft.subject,
            result: typeof changes.result === 'string' ? changes.result : draft.result,
            notes:
                typeof changes.notes === 'string'
                    ? changes.notes
                    : (this.#storage.notes(callId).read() ?? draft.saved.notes),
            linked: draft.linked
        };
        this.#draft(callId).write({ ...draft, ...outcome, at: this.#now(), done: true });
        const update = taskChanges(draft.saved, outcome);
        if (Object.keys(update).length > 0) this.#hooks.amend(callId, update);
        this.#end(callId, outcome);
    }

    /** Takes the other tabs' edits, ends the wrap-ups done elsewhere, and closes those past their deadline. */
    tick(): void {
        let changed = false;
        for (const callId of [...this.#calls.keys()]) {
            const draft = this.#draft(callId).read();
            if (!draft || draft.done) {
                this.#end(callId, undefined);
                continue;
            }
            if (draft.at !== this.#drafts.get(callId)?.at) {
                this.#drafts.set(callId, draft);
                changed = true;
            }
            const notes = this.#storage.notes(callId).read();
            if (notes !== this.#notesSeen.get(callId)) {
                this.#notesSeen.set(callId, notes);
                changed = true;
            }
            if (
                draft.closesAt !== undefined &&
                this.#now() >= draft.closesAt &&
                this.#hooks.closesOnDeadline()
            )
                this.done(callId);
        }
        if (changed) this.#hooks.changed();
    }

    stop(): void {
        clearInterval(this.#timer);
        this.#timer = undefined;
    }

    #update(callId: string, patch: Partial<WrapUpDraft>): void {
        if (!this.#calls.has(callId)) return;
        const draft = this.#draft(callId).read() ?? this.#drafts.get(callId);
        if (!draft || draft.done) return;
        const next = { ...draft, ...patch, at: Math.max(this.#now(), draft.at + 1) };
        this.#draft(callId).write(next);
        this.#drafts.set(callId, next);
        this.#hooks.changed();
    }

    #end(callId: string, outcome: WrapUpOutcome | undefined): void {
        this.#calls.delete(callId);
        this.#drafts.delete(callId);
        this.#notesSeen.delete(callId);
        if (this.#calls.size === 0) this.stop();
        this.#hooks.closed(callId, outcome);
        this.#hooks.changed();
    }

    #draft(callId: string) {
        return this.#storage.wrapUp(callId, wrapUpCodec);
    }

    #forgetOldDrafts(): void {
        for (const stored of this.#storage.wrapUps(wrapUpCodec)) {
            const draft = stored.read();
            if (!draft || this.#now() - draft.at > (draft.done ? KEEP_DONE_MS : KEEP_OPEN_MS))
                stored.remove();
        }
    }
}
