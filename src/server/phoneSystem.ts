// What a phone system must provide for the contract v1 server (src/server/app.ts) to serve it: the
// users who may sign in, the calls of an extension, the commands, and the state of its link. Two
// implement it: the OAI bridge's (src/bridge/phoneSystem.ts) and the simulated Suite
// (src/stand-ins/suite-simulator). The phone system pushes every change to the server, in the order it
// happened, with ContractHub.change (src/server/hub.ts).
import type { SuiteCall } from '../core/suite/types';
import type { AuthenticatedUser } from './auth/authenticator';

export type PhoneSystemChange =
    | { kind: 'call'; extension: string; call: SuiteCall }
    | { kind: 'dnd'; extension: string; enabled: boolean }
    | { kind: 'link'; pbxConnected: boolean }
    /** The phone system has its full picture again (after a link loss): every channel gets a fresh snapshot. */
    | { kind: 'resynced' };

/** What `GET /api/v1/server` reports, besides the contract's apiVersion. */
export interface ServerInfo {
    product: string;
    /** The release the softphone compares with its minimum (5.2). */
    version: string;
    /** Contract features the phone system offers (`dnd`, `consultTransfer`); sign-in adds its own. */
    features: readonly string[];
    /** More fields for the server answer (the bridge's own version). */
    details?: Readonly<Record<string, string>>;
}

export interface SignedInUser {
    email: string;
    displayName: string;
    primaryExtension: string;
}

export interface PhoneSystemUsers {
    /**
     * The user of a proven identity, or a ContractError naming why not: `user_not_found`,
     * `user_disabled`, `licence_required`, `no_primary_extension`, `station_not_found`,
     * `api_disabled`. `signedIn` holds the emails with a session now (a Suite counts its licences by
     * them). A phone system that checks the station at the PBX answers once it has.
     */
    signIn(user: AuthenticatedUser, signedIn: ReadonlySet<string>): SignedInUser | Promise<SignedInUser>;
    /** Throws a ContractError (403) once the user of a session may no longer use the API. */
    checkUser(email: string): void;
}

export interface PhoneSystemCalls {
    /** The live calls of an extension, and those that ended in the last minutes (at most 50). */
    calls(extension: string): SuiteCall[];
    recentCalls(extension: string): SuiteCall[];
    dnd(extension: string): boolean;
    /** Each resolves once the phone system took the command, or rejects with a ContractError. */
    makeCall(extension: string, to: string): Promise<string>;
    consult(extension: string, callId: string, to: string): Promise<string>;
    answer(extension: string, callId: string): Promise<void>;
    hold(extension: string, callId: string): Promise<void>;
    retrieve(extension: string, callId: string): Promise<void>;
    clear(extension: string, callId: string): Promise<void>;
    blindTransfer(extension: string, callId: string, to: string): Promise<void>;
    completeTransfer(extension: string, heldCallId: string, consultCallId: string): Promise<void>;
    setDnd(extension: string, enabled: boolean): Promise<void>;
}

export interface PhoneSystemLink {
    readonly info: ServerInfo;
    readonly pbxConnected: boolean;
    /** The link's state in words, for the health answer (`ready`, `connecting`, `down`…). */
    readonly linkState: string;
    /**
     * The link is up but the phone system stopped confirming commands (they time out): the health
     * answer says `degraded`. Absent: a phone system that cannot tell.
     */
    readonly commandsStalled?: boolean;
    readonly counters: Readonly<Record<string, number>>;
    /**
     * Resolves once the phone system knows its calls (after a start: the first resync), or after
     * `timeoutMs`: until then a snapshot would report every live call as ended.
     */
    firstResync(timeoutMs: number): Promise<void>;
}

export interface PhoneSystem extends PhoneSystemUsers, PhoneSystemCalls, PhoneSystemLink {}
