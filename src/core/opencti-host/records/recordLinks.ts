// What the Open CTI host knows about each call beyond the telephony: the records a pop matched,
// the record the call (and its Task) is linked to, and the notes typed. A click-to-dial links the
// call it places to the record it came from; opening one of the matched records links the call to
// it; and each tab shares what it found with the agent's other tabs through AgentStorage.
import type { AgentStorage } from '../../telephony/storage/agentStorage';
import type { NavigationPayload } from '../opencti/openCtiClient';
import { personAccountLink, type LinkedRecord, type SearchMatch } from '../opencti/searchResult';
import { readCallAnnotation, writeCallAnnotation } from './callAnnotation';

export interface CallLink {
    match: SoftphoneMatch;
    candidates: SearchMatch[];
    linked?: LinkedRecord;
    /** The candidate the agent chose in the panel. */
    pickedId?: string;
    /** A pop was asked for, or is no longer wanted (linked already, or another tab found the records). */
    popRequested: boolean;
    /** When this tab last took the match and link from the other tabs (epoch ms), or set them. */
    annotatedAt?: number;
    notes: string;
    /** The agent dialled the call in this tab. */
    dialedHere?: boolean;
}

/** How long a click-to-dial waits for the outbound call it placed to be reported. */
const CLICK_TO_DIAL_LINK_MS = 30_000;

export class RecordLinks {
    readonly #links = new Map<string, CallLink>();
    #pendingDial: { record?: LinkedRecord; at: number } | undefined;

    readonly #storage: AgentStorage;
    readonly #now: () => number;

    constructor(storage: AgentStorage, now: () => number) {
        this.#storage = storage;
        this.#now = now;
    }

    get(callId: string): CallLink | undefined {
        return this.#links.get(callId);
    }

    /** A call first reported live: its notes from any tab, and the click-to-dial record it came from. */
    open(callId: string, incoming: boolean): CallLink {
        const link: CallLink = {
            match: { kind: 'notSearched' },
            candidates: [],
            popRequested: false,
            notes: this.#storage.notes(callId).read() ?? ''
        };
        this.#links.set(callId, link);
        const pending = this.#pendingDial;
        if (pending && !incoming && this.#now() - pending.at <= CLICK_TO_DIAL_LINK_MS) {
            this.#pendingDial = undefined;
            link.dialedHere = true;
            if (pending.record) {
                this.#linkTo(link, pending.record);
                link.popRequested = true;
                this.#share(callId, link);
            }
        }
        return link;
    }

    /**
     * A call has ended: its final link and notes (what any tab found or typed). What the tabs shared
     * about it stays until `forget` (the notes are still edited in wrap-up). A call never seen live
     * gets a link of its own, not to be popped.
     */
    close(callId: string): CallLink {
        const link = this.#links.get(callId) ?? {
            match: { kind: 'notSearched' },
            candidates: [],
            popRequested: true,
            notes: ''
        };
        this.#links.delete(callId);
        this.#adopt(callId, link);
        link.notes = this.#storage.notes(callId).read() ?? link.notes;
        return link;
    }

    /** The call is logged and its wrap-up (if any) is over: what the tabs shared about it goes. */
    forget(callId: string): void {
        this.#storage.forgetCall(callId);
    }

    /**
     * The agent chose one of the records the search found: the call (and its Task) is linked to it.
     * The record, or undefined when it is not one of the call's candidates.
     */
    pick(callId: string, recordId: string): LinkedRecord | undefined {
        const link = this.#links.get(callId);
        if (!link) return undefined;
        this.#adopt(callId, link);
        const candidate = link.candidates.find((match) => match.recordId === recordId);
        if (!candidate) return undefined;
        this.#linkTo(link, candidate);
        link.pickedId = recordId;
        link.popRequested = true;
        this.#share(callId, link);
        return link.linked;
    }

    /** A dial is about to be placed, from a record (click-to-dial) or not. */
    expectDial(record: LinkedRecord | undefined): void {
        this.#pendingDial = { record, at: this.#now() };
    }

    dialFailed(): void {
        this.#pendingDial = undefined;
    }

    setNotes(callId: string, text: string): void {
        const link = this.#links.get(callId);
        if (!link) return;
        const notes = this.#storage.notes(callId);
        notes.write(text);
        link.notes = notes.read() ?? '';
    }

    /** Takes what the other tabs found out about every call, where it is newer than what this tab knows. */
    adoptAll(): void {
        for (const [callId, link] of this.#links) this.#adopt(callId, link);
    }

    adoptFor(callId: string): void {
        const link = this.#links.get(callId);
        if (link) this.#adopt(callId, link);
    }

    searching(callId: string): void {
        const link = this.#links.get(callId);
        if (!link) return;
        link.popRequested = true;
        link.match = { kind: 'pending' };
    }

    found(callId: string, matches: SearchMatch[]): void {
        const link = this.#links.get(callId);
        if (!link) return;
        link.candidates = matches;
        if (matches.length === 1) this.#linkTo(link, matches[0]);
        else link.match = { kind: matches.length > 1 ? 'multiple' : 'none' };
        this.#share(callId, link);
    }

    searchFailed(callId: string): void {
        const link = this.#links.get(callId);
        if (!link) return;
        link.match = { kind: 'notSearched' };
        link.popRequested = false;
    }

    /**
     * Opening one of the matched records during a call links the call (and its Task) to it. False
     * when the page opened is no record.
     */
    navigatedTo(payload: NavigationPayload): boolean {
        const recordId = typeof payload.recordId === 'string' ? payload.recordId : '';
        if (!recordId) return false;
        const recordName = typeof payload.recordName === 'string' ? payload.recordName : '';
        for (const [callId, link] of this.#links) {
            this.#adopt(callId, link);
            const candidate = link.candidates.find((match) => match.recordId === recordId);
            if (!candidate) continue;
            const person = personAccountLink(recordId, payload);
            this.#linkTo(link, {
                ...candidate,
                name: recordName || candidate.name,
                ...(person.personAccount ? person : {})
            });
            this.#share(callId, link);
        }
        return true;
    }

    #linkTo(link: CallLink, record: LinkedRecord): void {
        link.linked = { recordId: record.recordId, name: record.name, objectType: record.objectType };
        if (record.personAccount && record.personContactId)
            Object.assign(link.linked, { personAccount: true, personContactId: record.personContactId });
        link.match = {
            kind: 'single',
            recordId: record.recordId,
            recordName: record.name,
            recordType: record.objectType
        };
    }

    /** Tells the agent's other tabs what this tab found out about the call. */
    #share(callId: string, link: CallLink): void {
        const at = this.#now();
        link.annotatedAt = at;
        writeCallAnnotation(this.#storage, callId, {
            at,
            match: link.match,
            candidates: link.candidates,
            linked: link.linked,
            pickedId: link.pickedId
        });
    }

    #adopt(callId: string, link: CallLink): void {
        if (link.match.kind === 'pending') return;
        const annotation = readCallAnnotation(this.#storage, callId);
        if (!annotation) return;
        if (link.annotatedAt !== undefined && annotation.at <= link.annotatedAt) return;
        link.annotatedAt = annotation.at;
        link.match = annotation.match;
        link.candidates = annotation.candidates;
        link.linked = annotation.linked;
        link.pickedId = annotation.pickedId;
        link.popRequested = true;
    }
}
