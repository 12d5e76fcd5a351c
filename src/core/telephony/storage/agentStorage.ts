// Every name the softphone gives to what an agent's tabs share: localStorage keys, Web Lock names and
// the BroadcastChannel name, all in one place and all per agent, so that two agents who use one
// browser profile one after the other never see each other's calls, notes or queued Tasks. Any
// script of the origin can write to localStorage as well, so every value is read back through a
// codec that checks its shape and answers undefined for anything this softphone would not write.
import { keysWithPrefix, type KeyValueStore } from './keyValueStore';

/** Every key of ours starts with this (what a storage fallback copies into memory). */
export const OWN_KEY_PREFIX = 'mivoice.';

// Durable keys: Tasks queued by an earlier release must still be found after an upgrade, so these
// are byte-identical to what earlier releases wrote. Never rename them.
const TASK_LOG = 'mivoice.taskLog.';
const TASK_SAVED = 'mivoice.taskSaved.';
/** The recent numbers of earlier releases (Recent calls replaced them): droppable leftovers. */
const RECENT_NUMBERS = 'mivoice.recent.';

// Transient keys, per agent since the telephony core and the Open CTI host were split. What the
// releases before wrote under the legacy names is never read; leftover pop marks are cleared.
const CALL_NOTES = 'mivoice.callNotes.';
const CALL_LINK = 'mivoice.callLink.';
const POP_MARK = 'mivoice.popMark.';
const WRAP_UP = 'mivoice.wrapUp.';
// The agent's Recent calls and when the agent last looked at them: kept across reloads.
const CALL_HISTORY = 'mivoice.history.';
const HISTORY_SEEN = 'mivoice.historySeen.';
const LEGACY_POP_MARK = 'mivoice.popped.';
// This browser's name in log claims (docs/suite-api.md, "Log claims"), and what each claim came to.
const LOG_CLAIMANT = 'mivoice.logClaimant.';
const LOG_CLAIM = 'mivoice.logClaim.';
const CLAIMANT = /^[A-Za-z0-9_-]{8,64}$/;
export const LEGACY_TRANSIENT_PREFIXES: readonly string[] = [
    'mivoice.notes.',
    'mivoice.call.',
    LEGACY_POP_MARK
];

/**
 * Which tab of the browser the agent used last. Per browser, not per agent: it says where the
 * agent's eyes are, it is written before the agent is known, and it identifies no call.
 */
export const ACTIVE_TAB_KEY = 'mivoice.activeTab';

/**
 * What may go when storage is full: pop marks and recent numbers (and what earlier releases left).
 * Queued Task saves, notes and call links are never dropped.
 */
export const DROPPABLE_PREFIXES: readonly string[] = [POP_MARK, RECENT_NUMBERS, LEGACY_POP_MARK];
/** A mark of a saved Task (it refuses a late duplicate): droppable only once it is old. */
export const SAVED_MARK_PREFIX = TASK_SAVED;

export const MAX_NOTES_CHARS = 32_000;
const MARK_TIME = /^\d{1,15}$/;

/** The agent's namespace: the Salesforce user's email, as the durable keys have always used it. */
export function agentNamespace(email: string): string {
    return email.trim().toLowerCase();
}

/** Reads and writes one kind of value; `decode` answers undefined for what this softphone would not write. */
export interface Codec<T> {
    decode(raw: string, now: number): T | undefined;
    encode(value: T): string;
}

/** One key of the store with its codec. */
export class StoredValue<T> {
    private readonly store: KeyValueStore;
    readonly key: string;
    private readonly codec: Codec<T>;
    private readonly now: () => number;

    constructor(store: KeyValueStore, key: string, codec: Codec<T>, now: () => number) {
        this.store = store;
        this.key = key;
        this.codec = codec;
        this.now = now;
    }

    read(): T | undefined {
        const raw = this.store.getItem(this.key);
        if (raw === null) return undefined;
        try {
            return this.codec.decode(raw, this.now());
        } catch {
            return undefined;
        }
    }

    write(value: T): void {
        this.store.setItem(this.key, this.codec.encode(value));
    }

    remove(): void {
        this.store.removeItem(this.key);
    }
}

/** Text, cut to a bound. */
export function textCodec(maxChars: number): Codec<string> {
    return {
        decode: (raw) => raw.slice(0, maxChars),
        encode: (value) => value.slice(0, maxChars)
    };
}

/** A moment this softphone marked (epoch ms): digits only, and not in the future. */
export const markTimeCodec: Codec<number> = {
    decode(raw, now) {
        if (!MARK_TIME.test(raw)) return undefined;
        const at = Number(raw);
        return at <= now ? at : undefined;
    },
    encode: (at) => String(Math.round(at))
};

/** A claimant name as the contract takes it. */
const claimantCodec: Codec<string> = {
    decode: (raw) => (CLAIMANT.test(raw) ? raw : undefined),
    encode: (value) => value
};

/** A fresh claimant name: random, so that no two browsers share one. */
function newClaimant(): string {
    const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
    return crypto?.randomUUID?.() ?? `b${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
}

/** A JSON value, checked by `check` (which answers undefined for a shape that is not ours). */
export function jsonCodec<T>(check: (value: unknown, now: number) => T | undefined): Codec<T> {
    return {
        decode: (raw, now) => check(JSON.parse(raw) as unknown, now),
        encode: (value) => JSON.stringify(value)
    };
}

/** The keys of the durable Task queue of one agent (byte-identical to earlier releases). */
export function taskLogKeys(namespace: string): { pending: string; saved: string } {
    return { pending: `${TASK_LOG}${namespace}.`, saved: `${TASK_SAVED}${namespace}.` };
}

/** Everything one agent's tabs share: the keys (with codecs), the lock names and the channel name. */
/** The Web Lock and BroadcastChannel names one agent's tabs (of either host) share. */
export interface AgentChannelNames {
    /** The Web Lock whose holder saves the Tasks (a Lightning tab). */
    taskLogLock: string;
    /** The Web Lock whose holder holds the Suite connection (the phone window when there is one). */
    connectionLock: string;
    /** The BroadcastChannel between the agent's tabs: the connection holder's calls and commands. */
    suiteChannel: string;
    /** The Web Lock whose holder asks Salesforce for the VoiceCall records (the Voice connector). */
    voiceCallLock: string;
    /** The BroadcastChannel on which the Voice connector's tabs share the VoiceCall record Ids. */
    voiceCallChannel: string;
}

export function agentChannelNames(namespace: string): AgentChannelNames {
    return {
        taskLogLock: `mivoice-softphone-${namespace}`,
        connectionLock: `mivoice-connection-${namespace}`,
        suiteChannel: `mivoice-suite-${namespace}`,
        voiceCallLock: `mivoice-voice-${namespace}`,
        voiceCallChannel: `mivoice-voicecalls-${namespace}`
    };
}

export class AgentStorage {
    readonly store: KeyValueStore;
    readonly namespace: string;
    private readonly now: () => number;

    constructor(store: KeyValueStore, namespace: string, now: () => number = Date.now) {
        this.store = store;
        this.namespace = namespace;
        this.now = now;
    }

    // ---- Names shared with the agent's other tabs -----------------------------------------------

    get taskLogLock(): string {
        return agentChannelNames(this.namespace).taskLogLock;
    }

    get connectionLock(): string {
        return agentChannelNames(this.namespace).connectionLock;
    }

    get suiteChannel(): string {
        return agentChannelNames(this.namespace).suiteChannel;
    }

    /** The Web Lock that makes one tab's check-and-mark of an automatic pop atomic. */
    popLock(callId: string): string {
        return `mivoice-pop-${this.namespace}-${callId}`;
    }

    get taskLog(): { pending: string; saved: string } {
        return taskLogKeys(this.namespace);
    }

    // ---- Values ------------------------------------------------------------------------------------

    /** The notes typed for a call, in any of the agent's tabs. */
    notes(callId: string): StoredValue<string> {
        return this.value(`${CALL_NOTES}${this.namespace}.${callId}`, textCodec(MAX_NOTES_CHARS));
    }

    /** What a tab found out about a call (matches, the linked record); the host knows its shape. */
    callLink<T>(callId: string, codec: Codec<T>): StoredValue<T> {
        return this.value(`${CALL_LINK}${this.namespace}.${callId}`, codec);
    }

    /** The wrap-up draft of an ended call (subject, result, record), shared by the agent's tabs. */
    wrapUp<T>(callId: string, codec: Codec<T>): StoredValue<T> {
        return this.value(`${WRAP_UP}${this.namespace}.${callId}`, codec);
    }

    /** Every wrap-up draft of this agent (to clear the old ones). */
    wrapUps<T>(codec: Codec<T>): StoredValue<T>[] {
        return keysWithPrefix(this.store, `${WRAP_UP}${this.namespace}.`).map((key) =>
            this.value(key, codec)
        );
    }

    /** The agent's Recent calls; the host knows their shape. */
    callHistory<T>(codec: Codec<T>): StoredValue<T> {
        return this.value(`${CALL_HISTORY}${this.namespace}`, codec);
    }

    /** When the agent last opened the Recent list (missed calls before it are seen). */
    historySeen(): StoredValue<number> {
        return this.value(`${HISTORY_SEEN}${this.namespace}`, markTimeCodec);
    }

    /** When a tab claimed the automatic pop of a call. */
    popMark(callId: string): StoredValue<number> {
        return this.value(`${POP_MARK}${this.namespace}.${callId}`, markTimeCodec);
    }

    /** Every pop mark of this agent, and any an earlier release left (which are never ours now). */
    popMarks(): { mark: StoredValue<number>; legacy: boolean }[] {
        const own = keysWithPrefix(this.store, `${POP_MARK}${this.namespace}.`).map((key) => ({
            mark: this.value(key, markTimeCodec),
            legacy: false
        }));
        const legacy = keysWithPrefix(this.store, LEGACY_POP_MARK).map((key) => ({
            mark: this.value(key, markTimeCodec),
            legacy: true
        }));
        return [...own, ...legacy];
    }

    /** This browser's name in log claims, made the first time it is asked for and kept since. */
    logClaimant(): string {
        const stored = this.value(`${LOG_CLAIMANT}${this.namespace}`, claimantCodec);
        const known = stored.read();
        if (known) return known;
        stored.write(newClaimant());
        return stored.read() ?? newClaimant();
    }

    /** What this browser's claim to log a call came to; the host knows its shape. */
    logClaim<T>(callId: string, codec: Codec<T>): StoredValue<T> {
        return this.value(`${LOG_CLAIM}${this.namespace}.${callId}`, codec);
    }

    /** Every log claim this browser keeps for the agent (to clear the old ones). */
    logClaims<T>(codec: Codec<T>): StoredValue<T>[] {
        return keysWithPrefix(this.store, `${LOG_CLAIM}${this.namespace}.`).map((key) =>
            this.value(key, codec)
        );
    }

    /** A call has ended and is logged: what the tabs shared about it goes. */
    forgetCall(callId: string): void {
        this.notes(callId).remove();
        this.store.removeItem(`${CALL_LINK}${this.namespace}.${callId}`);
    }

    private value<T>(key: string, codec: Codec<T>): StoredValue<T> {
        return new StoredValue(this.store, key, codec, this.now);
    }
}
