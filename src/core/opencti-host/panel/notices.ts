// The panel's notice: one at a time, each tied to its cause. It goes when its cause is gone (the
// connection is back, the call it was about changed or ended, the number was edited or dialled, the
// Task saves caught up), or when the agent dismisses it; a newer notice takes its place.
import type { CallState } from '../../suite/types';

/** What a notice is about: while that holds, the notice stays. */
export type NoticeCause =
    /** `down`: the connection was seen not ready since; the notice goes when it is ready again. */
    | { kind: 'connection'; down?: boolean }
    | { kind: 'call'; callId: string; state: CallState | undefined }
    | { kind: 'dial' }
    | { kind: 'taskLog' }
    | { kind: 'extras' }
    | { kind: 'lasting' };

/** What the host knows now, to tell whether a cause is gone. */
export interface NoticeWorld {
    ready: boolean;
    /** A live call's state (undefined once it ended). */
    callState(callId: string): CallState | undefined;
    /** Task saves are still being retried, or failed and listed (read only when a notice is about them). */
    taskLogTroubled(): boolean;
    /** The second part of the core (SoftphoneExtras) is here. */
    extrasLoaded: boolean;
}

/** The cause a notice of this code has unless the caller names one (a call's). */
const CAUSE_OF: Partial<Record<SoftphoneMessageCode, NoticeCause['kind']>> = {
    numberEmpty: 'dial',
    numberInvalid: 'dial',
    dialFailed: 'dial',
    phoneBusy: 'dial',
    phoneUnavailable: 'dial',
    notConnected: 'connection',
    pbxLinkDown: 'connection',
    rateLimited: 'connection',
    callLogRetrying: 'taskLog',
    callLogFailed: 'taskLog',
    extrasUnavailable: 'extras'
};

export class Notices {
    #current: { notice: SoftphoneMessage & { id: number }; cause: NoticeCause } | undefined;
    #lastId = 0;

    get notice(): (SoftphoneMessage & { id: number }) | undefined {
        return this.#current?.notice;
    }

    show(code: SoftphoneMessageCode, params: Record<string, string> | undefined, cause?: NoticeCause): void {
        const kind = CAUSE_OF[code] ?? 'lasting';
        const notice = {
            code,
            ...(params && Object.keys(params).length > 0 ? { params } : {}),
            id: ++this.#lastId
        };
        this.#current = { notice, cause: cause ?? ({ kind } as NoticeCause) };
    }

    dismiss(id: number): boolean {
        if (this.#current?.notice.id !== id) return false;
        this.#current = undefined;
        return true;
    }

    /** A notice about the dial pad goes once the number is edited or a call is placed. */
    dialMoved(): void {
        if (this.#current?.cause.kind === 'dial') this.#current = undefined;
    }

    /** Drops the notice whose cause is gone. */
    settle(world: NoticeWorld): void {
        const cause = this.#current?.cause;
        if (!cause) return;
        if (cause.kind === 'connection' && !world.ready) cause.down = true;
        const gone =
            (cause.kind === 'connection' && world.ready && cause.down === true) ||
            (cause.kind === 'call' && world.callState(cause.callId) !== cause.state) ||
            (cause.kind === 'taskLog' && !world.taskLogTroubled()) ||
            (cause.kind === 'extras' && world.extrasLoaded);
        if (gone) this.#current = undefined;
    }
}
