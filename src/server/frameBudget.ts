// What one event channel's client may send: the contract's client sends one frame to start and a pong
// per heartbeat, so a channel that sends frames faster than `framesPerMinute`, or more than `badFrames`
// frames that are not JSON, is not our client and is closed (4011). The first few bad frames get an
// `error` frame back, the rest none: answering garbage must not cost more than receiving it.

/** Bad frames answered with an `error` frame, per channel. */
export const ERROR_REPLIES = 5;

export type FrameVerdict = 'ok' | 'answer' | 'ignore' | 'close';

export class FrameBudget {
    private readonly limits: () => { framesPerMinute: number; badFrames: number };
    private readonly now: () => number;
    private windowStart: number;
    private framesInWindow = 0;
    private bad = 0;

    constructor(limits: () => { framesPerMinute: number; badFrames: number }, now: () => number = Date.now) {
        this.limits = limits;
        this.now = now;
        this.windowStart = now();
    }

    /** Counts a frame: `close` once a bound is passed, else `ok` for a good one. */
    frame(): 'ok' | 'close' {
        const now = this.now();
        if (now - this.windowStart >= 60_000) {
            this.windowStart = now;
            this.framesInWindow = 0;
        }
        this.framesInWindow++;
        return this.framesInWindow > this.limits().framesPerMinute ? 'close' : 'ok';
    }

    /** Counts a frame that is not JSON: answer it, ignore it, or close the channel. */
    badFrame(): FrameVerdict {
        this.bad++;
        if (this.bad > this.limits().badFrames) return 'close';
        return this.bad <= ERROR_REPLIES ? 'answer' : 'ignore';
    }
}
